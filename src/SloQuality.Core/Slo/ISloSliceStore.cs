namespace SloQuality.Core.Slo;

/// <summary>Where slice aggregates and computed SLO evaluations live. The fold reads only this.</summary>
public interface ISloSliceStore
{
    /// <summary>Replaces the run's slices (writing them again after a resumed run counts nothing twice).</summary>
    Task WriteSlicesAsync(string runId, IReadOnlyList<SliceAggregate> slices, CancellationToken cancellationToken);

    /// <summary>Stores production slices (by source, target and start, replacing an earlier import of the same).</summary>
    Task WriteImportedSlicesAsync(IReadOnlyList<SliceAggregate> slices, CancellationToken cancellationToken);

    /// <summary>Every slice starting in [from, to), of any run, and every imported production slice.</summary>
    Task<IReadOnlyList<SliceAggregate>> ReadSlicesAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>The start of the earliest slice, or null when nothing was ever evaluated.</summary>
    Task<DateTimeOffset?> FirstSliceAsync(CancellationToken cancellationToken);

    /// <summary>Stores a computed evaluation (replacing an earlier one of the same SLO, target and window).</summary>
    Task SaveEvaluationAsync(SloEvaluation evaluation, string json, CancellationToken cancellationToken);

    /// <summary>Window starts of the SLO's evaluations for the target stored as complete.</summary>
    Task<IReadOnlySet<DateTimeOffset>> CompleteEvaluationsAsync(string sloName, string modelTarget, CancellationToken cancellationToken);

    /// <summary>The stored evaluations whose window ends in (from, to], oldest first, as JSON.</summary>
    Task<IReadOnlyList<string>> EvaluationsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}
