using SloQuality.Core.Evaluation;

namespace SloQuality.Core.Slo;

/// <summary>
/// Which results an SLO covers: model targets and datasets by name, items carrying any of the tags
/// (each list empty = all), and runs of the origins named (null = <see cref="RunOrigins.CountedByDefault"/>:
/// never a sign-off's).
/// </summary>
public sealed record SloScope(IReadOnlyList<string> Targets, IReadOnlyList<string> Datasets, IReadOnlyList<string>? Tags = null, IReadOnlyList<string>? Origins = null)
{
    public static SloScope All { get; } = new([], []);

    public IReadOnlyList<string> TagList => Tags ?? [];

    public IReadOnlyList<string> OriginList => Origins ?? RunOrigins.CountedByDefault;

    /// <summary>Whether a slice of this origin (see <see cref="SliceAggregate.Origin"/>) counts.</summary>
    public bool CoversOrigin(string origin) => OriginList.Contains(origin, StringComparer.Ordinal);

    public bool Covers(string target, string dataset) =>
        (Targets.Count == 0 || Targets.Contains(target, StringComparer.Ordinal)) &&
        (Datasets.Count == 0 || Datasets.Contains(dataset, StringComparer.Ordinal));

    /// <summary>Whether a slice of this tag signature (see <see cref="SliceAggregate.Tags"/>) is in scope.</summary>
    public bool CoversTags(string signature) =>
        TagList.Count == 0 || signature.Split(',').Any(t => TagList.Contains(t, StringComparer.Ordinal));

    /// <summary>
    /// Whether a slice counts toward an SLO of this scope and SLI. Production traffic (imported slices)
    /// has no dataset or tags, so it belongs to an SLO over whole targets only, and only for the SLIs
    /// production can show (latency, availability, success); quality SLIs come from replays. A slice of an
    /// origin the scope does not name never counts.
    /// </summary>
    public bool Includes(SliceAggregate slice, string sli) => CoversOrigin(slice.Origin) && (slice.Source == SliceSources.Replay
        ? Covers(slice.ModelTarget, slice.DatasetName) && CoversTags(slice.Tags)
        : Datasets.Count == 0 && TagList.Count == 0 && SliKinds.ObservableInProduction(sli)
          && (Targets.Count == 0 || Targets.Contains(slice.ModelTarget, StringComparer.Ordinal)));

    public string Key => $"{string.Join(',', Targets)}|{string.Join(',', Datasets)}|{string.Join(',', TagList)}|{string.Join(',', OriginList)}";
}
