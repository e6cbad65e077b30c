using System.Globalization;
using SloQuality.Core.Slo;

namespace SloQuality.Core.Reports;

/// <summary>How an SLO evaluation reads in every rendering (terminal, Markdown, HTML), in one place.</summary>
public static class SloFigures
{
    public sealed record Row(
        string Slo,
        string ModelTarget,
        string Promise,
        string Value,
        string Interval,
        string N,
        string Status,
        string BudgetRemaining,
        string BurnRate,
        string Alert,
        string Exhaustion);

    public static Row For(SloEvaluation e) => new(
        e.Slo,
        e.ModelTarget,
        e.Objective,
        Value(e.Sli, e.Value) + EstimateNote(e),
        e.Low is null || e.High is null ? string.Empty : $"[{Value(e.Sli, e.Low)}, {Value(e.Sli, e.High)}]",
        e.N.ToString(CultureInfo.InvariantCulture),
        e.Status.Replace('_', ' '),
        Budget(e.Budget),
        e.BurnRate is { } b ? (double.IsInfinity(b) ? "∞" : b.ToString("0.00", CultureInfo.InvariantCulture)) : "-",
        e.Alert.State,
        e.MinutesToExhaustion is { } m ? (m <= 0 ? "spent" : Duration(TimeSpan.FromMinutes(m))) : "-");

    /// <summary>
    /// How a value was estimated: which hallucination rate it is (" (detector)", " (corrected by human
    /// labels)", " (partly corrected)"), or for a percentile from histogram buckets the bucket it lies in;
    /// empty otherwise.
    /// </summary>
    public static string EstimateNote(SloEvaluation e) => e.Value is null ? string.Empty : e.Bucket is { } bucket
        ? $" (from histogram buckets: in ({Value(e.Sli, bucket.Low)}, {Value(e.Sli, bucket.High)}])"
        : e.Estimate switch
        {
            "corrected" => " (corrected by human labels)",
            "mixed" => " (partly corrected by human labels)",
            "detector" => " (detector)",
            _ => string.Empty,
        };

    /// <summary>A value in the SLI's unit: rates in percent, latency in ms, similarity, tokens/s, minutes.</summary>
    public static string Value(string sli, double? value)
    {
        if (value is not { } v)
        {
            return "n/a";
        }

        if (double.IsPositiveInfinity(v))
        {
            // The upper end of a percentile in a histogram's +Inf bucket.
            return "∞";
        }

        return sli switch
        {
            _ when SliKinds.Rates.Contains(sli) => (v * 100).ToString(v is > 0.99 and < 1 ? "0.000" : "0.0", CultureInfo.InvariantCulture) + "%",
            _ when SliKinds.Percentiles.ContainsKey(sli) => v.ToString(v < 10 ? "0.00" : "0", CultureInfo.InvariantCulture) + " ms",
            SliKinds.DriftSimilarity => v.ToString("0.000", CultureInfo.InvariantCulture),
            SliKinds.ThroughputTps => v.ToString("0.0", CultureInfo.InvariantCulture) + " tok/s",
            _ => v.ToString("0.0", CultureInfo.InvariantCulture) + " min",
        };
    }

    public static string Budget(BudgetFigures b)
    {
        if (b.RemainingShare is not { } share)
        {
            return "-";
        }

        var text = (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
        return b.RemainingMinutes is { } minutes ? $"{text} ({minutes.ToString("0.0", CultureInfo.InvariantCulture)} min)" : text;
    }

    public static string Duration(TimeSpan span) => span.TotalDays >= 1
        ? span.TotalDays.ToString("0.0", CultureInfo.InvariantCulture) + " d"
        : span.TotalHours >= 1 ? span.TotalHours.ToString("0.0", CultureInfo.InvariantCulture) + " h"
        : span.TotalMinutes.ToString("0", CultureInfo.InvariantCulture) + " min";
}
