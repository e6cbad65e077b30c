namespace SloQuality.Core.Production;

/// <summary>One series of a Prometheus range query: its labels and its (unix seconds, value) samples.</summary>
public sealed record PrometheusSeries(IReadOnlyDictionary<string, string> Labels, IReadOnlyList<(double Time, double Value)> Samples)
{
    /// <summary>The labels other than <c>le</c>: which instance and series a bucket belongs to.</summary>
    public string SeriesKey => string.Join(',', Labels.Where(l => l.Key != "le").OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
}
