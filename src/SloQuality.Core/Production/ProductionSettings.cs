namespace SloQuality.Core.Production;

/// <summary>
/// <c>production.yaml</c>: where Prometheus is, how far back each import reads, when it runs, and the
/// targets to import. Without the file (or without a URL) nothing is imported.
/// </summary>
public sealed record ProductionSettings
{
    /// <summary>Default look-back of a scheduled import: an hour, re-read every run (imports replace, so overlap is harmless).</summary>
    public static readonly TimeSpan DefaultLookback = TimeSpan.FromHours(1);

    public Uri? PrometheusUrl { get; init; }

    public TimeSpan Lookback { get; init; } = DefaultLookback;

    /// <summary>Cron of the scheduled import (default every five minutes, the slice length).</summary>
    public string Cron { get; init; } = "*/5 * * * *";

    public IReadOnlyList<ProductionTarget> Targets { get; init; } = [];

    public bool Enabled => PrometheusUrl is not null && Targets.Count > 0;
}
