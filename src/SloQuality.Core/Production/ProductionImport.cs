namespace SloQuality.Core.Production;

/// <summary>
/// What one import of one target brought in, and which of its queries found no series at all (a
/// renamed metric or a wrong model name reads as "no data" otherwise, silently).
/// </summary>
public sealed record ProductionImport(string Target, DateTimeOffset FirstSlice, DateTimeOffset LastSlice, int Slices, long Requests, long TtftSamples)
{
    /// <summary>Each query that returned no series: its name (ttft, inter_token, total, requests, good) and its PromQL.</summary>
    public IReadOnlyList<(string Name, string Query)> Empty { get; init; } = [];

    public string? EmptyLine => Empty.Count == 0
        ? null
        : $"{Target}: no series for {string.Join("; ", Empty.Select(e => $"{e.Name} ({e.Query})"))}: check the metric names and the model name";
}
