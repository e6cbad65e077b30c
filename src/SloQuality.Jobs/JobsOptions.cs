using SloQuality.Core.Datasets;
using SloQuality.Core.Retention;

namespace SloQuality.Jobs;

/// <summary>Where the jobs find their inputs and put their outputs, and how runs are split.</summary>
public sealed record JobsOptions
{
    /// <summary>The queue chunk jobs go to, so evaluation workers can be sized apart from the rest.</summary>
    public const string EvaluateQueue = "evaluate";

    /// <summary>Model targets, SLOs, schedules (<c>jobs/</c>).</summary>
    public string ConfigFolder { get; init; } = "jobs";

    /// <summary>Golden datasets, read again for every run (a new or changed file needs no restart).</summary>
    public string DatasetsFolder { get; init; } = "golden-datasets";

    /// <summary>Run reports go to <c>OUT/runs/TARGET/DATASET/RUN_ID/</c>, quality reports to <c>OUT/reports/</c>.</summary>
    public string OutputFolder { get; init; } = "out";

    /// <summary>How large a dataset file may be and how far its YAML may nest and alias.</summary>
    public DatasetLimits DatasetLimits { get; init; } = DatasetLimits.Default;

    /// <summary>(item, repeat) pairs per chunk job. Default 50; must be 1 or more.</summary>
    public int ChunkSize { get; init; } = 50;

    /// <summary>How long item-level history is kept (<c>SLOQ_RETENTION_DAYS</c>); null keeps it for ever.</summary>
    public RetentionOptions? Retention { get; init; }

    public void Validate()
    {
        if (ChunkSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(ChunkSize), ChunkSize, "chunk size must be 1 or more");
        }
    }
}
