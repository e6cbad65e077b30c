using SloQuality.Core.Evaluation;
using SloQuality.Core.Slo;

namespace SloQuality.Core.Production;

/// <summary>
/// Imports production latency, availability and success SLIs of model targets from Prometheus as
/// five-minute slices marked <see cref="SliceSources.Prometheus"/>, which the SLO fold then folds with
/// the replay slices. Each boundary's cumulative counters are read once per query (one range query
/// with a five-minute step) and differenced here; importing a range again replaces its slices.
/// </summary>
public sealed class ProductionImporter(PrometheusClient prometheus, ISloSliceStore store)
{
    /// <summary>Imports the slices that start in [from, to] (the last one may still be filling; a later import replaces it).</summary>
    public async Task<ProductionImport> ImportAsync(ProductionTarget target, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var first = SliceAggregate.Floor(from);
        var last = SliceAggregate.Floor(to);
        var boundaries = new List<DateTimeOffset>();
        for (var t = first; t <= last + SliceAggregate.Length; t += SliceAggregate.Length)
        {
            boundaries.Add(t);
        }

        // One boundary before the first slice, so that slice's increase has a starting value.
        var queryStart = first - SliceAggregate.Length;
        var unix = new List<double> { queryStart.ToUnixTimeSeconds() };
        unix.AddRange(boundaries.Select(b => (double)b.ToUnixTimeSeconds()));

        var empty = new List<(string, string)>();
        var ttft = await HistogramAsync("ttft", target.Queries.Ttft, target, unix, empty, cancellationToken).ConfigureAwait(false);
        var gaps = await HistogramAsync("inter_token", target.Queries.InterToken, target, unix, empty, cancellationToken).ConfigureAwait(false);
        var total = await HistogramAsync("total", target.Queries.Total, target, unix, empty, cancellationToken).ConfigureAwait(false);
        var requests = await CounterAsync("requests", target.Queries.Requests, target, unix, empty, cancellationToken).ConfigureAwait(false);
        var good = await CounterAsync("good", target.Queries.Good, target, unix, empty, cancellationToken).ConfigureAwait(false);

        var slices = new List<SliceAggregate>();
        for (var k = 0; k < boundaries.Count - 1; k++)
        {
            // Slice k of the boundaries is slice k + 1 of the query (which starts one boundary earlier).
            var q = k + 1;
            var requestCount = (long)Math.Round(requests[q].GetValueOrDefault(string.Empty));
            var goodCount = Math.Min(requestCount, (long)Math.Round(good[q].GetValueOrDefault(string.Empty)));
            var slice = new SliceAggregate
            {
                RunId = $"{SliceSources.Prometheus}:{target.Target}",
                ModelTarget = target.Target,
                DatasetName = string.Empty,
                SliceStart = boundaries[k],
                Source = SliceSources.Prometheus,
                Origin = RunOrigins.Production,
                Items = requestCount,
                Answered = goodCount,
                Unavailable = requestCount - goodCount,
                Ttft = BucketSketch.FromCumulative(ttft[q]),
                InterToken = BucketSketch.FromCumulative(gaps[q]),
                Total = BucketSketch.FromCumulative(total[q]),
            };
            if (slice.Items > 0 || slice.Ttft.Count > 0 || slice.Total.Count > 0)
            {
                slices.Add(slice);
            }
        }

        await store.WriteImportedSlicesAsync(slices, cancellationToken).ConfigureAwait(false);
        return new ProductionImport(target.Target, first, last, slices.Count, slices.Sum(s => s.Items), slices.Sum(s => s.Ttft.Count)) { Empty = empty };
    }

    private async Task<IReadOnlyList<Dictionary<string, double>>> HistogramAsync(string name, string query, ProductionTarget target, List<double> unix, List<(string, string)> empty, CancellationToken cancellationToken)
    {
        var series = await RangeAsync(name, query, target, unix, empty, cancellationToken).ConfigureAwait(false);
        var withoutLe = series.FirstOrDefault(s => !s.Labels.ContainsKey("le"));
        if (withoutLe is not null)
        {
            throw new PrometheusQueryException($"'{ProductionQueries.For(query, target.ModelName)}' for {target.Target}: a series without an 'le' label ({withoutLe.SeriesKey}); expected histogram buckets (a *_bucket metric)");
        }

        return CounterIncreases.PerSlice(unix, series, s => s.Labels["le"]);
    }

    private async Task<IReadOnlyList<Dictionary<string, double>>> CounterAsync(string name, string query, ProductionTarget target, List<double> unix, List<(string, string)> empty, CancellationToken cancellationToken) =>
        CounterIncreases.PerSlice(unix, await RangeAsync(name, query, target, unix, empty, cancellationToken).ConfigureAwait(false), _ => string.Empty);

    private async Task<IReadOnlyList<PrometheusSeries>> RangeAsync(string name, string query, ProductionTarget target, List<double> unix, List<(string, string)> empty, CancellationToken cancellationToken)
    {
        var promql = ProductionQueries.For(query, target.ModelName);
        var series = await prometheus.QueryRangeAsync(
            promql,
            DateTimeOffset.FromUnixTimeSeconds((long)unix[0]),
            DateTimeOffset.FromUnixTimeSeconds((long)unix[^1]),
            SliceAggregate.Length,
            cancellationToken).ConfigureAwait(false);
        if (series.Count == 0)
        {
            empty.Add((name, promql));
        }

        return series;
    }
}
