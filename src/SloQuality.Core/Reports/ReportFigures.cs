using System.Globalization;
using SloQuality.Core.Datasets;
using SloQuality.Core.Evaluation;
using SloQuality.Core.Statistics;

namespace SloQuality.Core.Reports;

/// <summary>The figures every rendering of a run shows (terminal table, Markdown, HTML), in one place.</summary>
public static class ReportFigures
{
    public sealed record Row(string Metric, string Value, string Interval, string N);

    public static IReadOnlyList<Row> Rows(RunSummary s) =>
    [
        .. DriftRows(s),
        Rate("Correctness", s.Correctness),
        Rate("Hallucination rate (detector)", s.Hallucination.Detector),
        .. HallucinationTrustRows(s.Hallucination),
        Rate("Availability", s.Availability),
        Rate("Success rate", s.SuccessRate),
        Quantile("TTFT p50", s.Latency.TtftP50),
        Quantile("TTFT p90", s.Latency.TtftP90),
        Quantile("TTFT p99", s.Latency.TtftP99),
        Quantile("Inter-token p50", s.Latency.InterTokenP50),
        Quantile("Inter-token p99", s.Latency.InterTokenP99),
        Quantile("Total latency p50", s.Latency.TotalP50),
        Quantile("Total latency p99", s.Latency.TotalP99),
        new("Output tokens/s (run)", Number(s.Tokens.ThroughputTokensPerSecond), string.Empty, s.Tokens.OutputTokens.ToString(CultureInfo.InvariantCulture) + " tokens"),
        new("Decode tokens/s p50", Number(s.Tokens.DecodeTokensPerSecondP50), string.Empty, string.Empty),
        .. RepeatRows(s),
        .. JudgeRows(s),
    ];

    /// <summary>The corrected rate (or why there is none) and the detector's self-check on the dataset.</summary>
    private static IEnumerable<Row> HallucinationTrustRows(Hallucination.HallucinationRate h)
    {
        if (h.Corrected is { } c)
        {
            yield return new Row($"Hallucination rate (corrected by {c.Labels} human labels)", Percent(c.Rate), $"[{Percent(c.Low)}, {Percent(c.High)}]",
                string.Create(CultureInfo.InvariantCulture, $"{h.N}; detector sensitivity {Number3(c.Sensitivity)}, specificity {Number3(c.Specificity)}"));
        }
        else if (h.CorrectedNote is { } note)
        {
            yield return new Row("Hallucination rate (corrected)", "n/a", string.Empty, note);
        }

        if (h.SelfCheck is { } check)
        {
            yield return Rate("Detector self-check: known mistakes flagged (sensitivity)", check.Sensitivity);
            yield return Rate("Detector self-check: references cleared (specificity)", check.Specificity);
        }
    }

    /// <summary>The warnings a run's report opens with: a detector that cannot tell this dataset's truths from its mistakes.</summary>
    public static IReadOnlyList<string> Warnings(RunSummary s) =>
        s.Hallucination.SelfCheck?.Warning is { } warning
            ? [string.Create(CultureInfo.InvariantCulture, $"Hallucination detector self-check: balanced accuracy {s.Hallucination.SelfCheck.BalancedAccuracy:0.000} on this dataset's {s.Hallucination.SelfCheck.NFaithful} references and {s.Hallucination.SelfCheck.NHallucinated} known mistakes (under {Hallucination.SelfCheck.DetectorSelfCheck.TrustedBalancedAccuracy:0.00}): {warning}.")]
            : [];

    /// <summary>The LLM judge's agreement with the local detector, when a judge was asked.</summary>
    private static IEnumerable<Row> JudgeRows(RunSummary s)
    {
        if (s.Judge is not { } j)
        {
            yield break;
        }

        yield return Rate($"Judge ({j.JudgeTarget}) agrees with the detector", j.Agreement);
        yield return new Row("Judge vs detector: Cohen's kappa", Number3(j.Kappa), string.Empty, j.Agreement.N.ToString(CultureInfo.InvariantCulture));
        yield return new Row("Judge vs detector: both / judge only / detector only / neither flagged", $"{j.BothFlagged} / {j.JudgeOnly} / {j.DetectorOnly} / {j.NeitherFlagged}", string.Empty,
            $"{j.Cached} cached, {j.Unjudged} unjudged");
    }

    /// <summary>pass@1, pass^K and the flaky share, when every item was sent K times.</summary>
    private static IEnumerable<Row> RepeatRows(RunSummary s)
    {
        if (s.Repeats is not { } r)
        {
            yield break;
        }

        foreach (var (name, m) in new[] { ("Correct", r.Correctness), ("No hallucination", r.NoHallucination) })
        {
            yield return new Row($"{name}: pass@1 (mean of {r.K} repeats)", Number3(m.PassAt1.Mean), $"[{Number3(m.PassAt1.Low)}, {Number3(m.PassAt1.High)}]", m.PassAt1.N.ToString(CultureInfo.InvariantCulture) + " items");
            yield return Rate($"{name}: pass^{r.K} (all {r.K} pass)", m.PassAllK);
            yield return Rate($"{name}: flaky items (verdict changes)", m.Flaky);
        }
    }

    /// <summary>The drift rows, when the run was compared with a baseline.</summary>
    private static IEnumerable<Row> DriftRows(RunSummary s)
    {
        if (s.Drift is not { } d)
        {
            yield break;
        }

        yield return new Row("Drift similarity (mean)", Number3(d.MeanSimilarity.Mean), $"[{Number3(d.MeanSimilarity.Low)}, {Number3(d.MeanSimilarity.High)}]", d.MeanSimilarity.N.ToString(CultureInfo.InvariantCulture));
        if (d.NoiseFloor is { } noise)
        {
            yield return new Row("Baseline noise floor (mean)", Number3(noise.Mean), $"[{Number3(noise.Low)}, {Number3(noise.High)}]", noise.N.ToString(CultureInfo.InvariantCulture));
        }

        yield return Rate($"Items under similarity {d.ItemThreshold.ToString(CultureInfo.InvariantCulture)}", d.BelowThreshold);
    }

    /// <summary>The items whose output moved furthest from the baseline's (lowest similarity first).</summary>
    public static IReadOnlyList<ItemResult> MovedMost(IReadOnlyList<ItemResult> results, int limit) =>
        results.Where(r => r.DriftSimilarity is not null).OrderBy(r => r.DriftSimilarity).Take(limit).ToList();

    public static string Number3(double? value) => value is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "n/a";

    /// <summary>Items worth a look first: failures, then incorrect or hallucinated answers, worst first.</summary>
    public static IReadOnlyList<ItemResult> Attention(IReadOnlyList<ItemResult> results, int limit) =>
        results.Where(r => r.Error is not null || r.Correct == false || r.Hallucinated == true)
            .OrderByDescending(r => r.Error is not null)
            .ThenByDescending(r => r.HallucinationScore ?? 0)
            .ThenBy(r => r.CorrectnessScore ?? 0)
            .Take(limit)
            .ToList();

    public static string Verdict(ItemResult r) => r.Error is not null
        ? "failed"
        : (r.Correct switch { true => "correct", false => "incorrect", null => "grounded" }) + (r.Hallucinated == true ? ", hallucinated" : string.Empty);

    public static string ItemsLine(RunSummary s) =>
        $"{s.Items.Completed} of {s.Items.Planned} items ({s.Items.Failed} failed" +
        (s.Items.ErrorsByKind.Count > 0 ? ": " + string.Join(", ", s.Items.ErrorsByKind.Select(e => $"{e.Value} {e.Key}")) : string.Empty) + ")";

    public static Dictionary<string, GoldenItem> ItemsById(GoldenDataset dataset) =>
        dataset.Items.ToDictionary(i => i.Id, StringComparer.Ordinal);

    public static Row Rate(string name, RateEstimate e) => e.Rate is null
        ? new Row(name, "n/a", string.Empty, "0")
        : new Row(name, Percent(e.Rate), $"[{Percent(e.Low)}, {Percent(e.High)}]", $"{e.Successes}/{e.N}");

    private static Row Quantile(string name, QuantileEstimate e) => e.Value is null
        ? new Row(name, "n/a", string.Empty, "0")
        : new Row(name, Ms(e.Value), $"[{Ms(e.Low)}, {Ms(e.High)}]", e.N.ToString(CultureInfo.InvariantCulture));

    private static string Percent(double? value) => value is { } v ? (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "n/a";

    private static string Ms(double? value) => value is { } v ? v.ToString(v < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture) + " ms" : "n/a";

    private static string Number(double? value) => value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) : "n/a";
}
