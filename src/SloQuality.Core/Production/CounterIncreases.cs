namespace SloQuality.Core.Production;

/// <summary>
/// Turns cumulative counters sampled at slice boundaries into per-slice increases, series by series:
/// a drop is a counter reset (the increase is the new value), a boundary without a sample carries the
/// last value forward, and a series first seen after the first boundary was created in between, so it
/// counts from zero. Only then are series added up, so one instance's restart loses nothing of another's.
/// </summary>
public static class CounterIncreases
{
    /// <param name="boundaries">Unix seconds of the slice boundaries, ascending; slice k is [b(k), b(k+1)).</param>
    /// <param name="groupBy">The sum's key for each series (the <c>le</c> bucket bound, or one key for a plain counter).</param>
    /// <returns>For each slice, the increase of each group.</returns>
    public static IReadOnlyList<Dictionary<string, double>> PerSlice(IReadOnlyList<double> boundaries, IEnumerable<PrometheusSeries> series, Func<PrometheusSeries, string> groupBy)
    {
        var slices = Enumerable.Range(0, Math.Max(0, boundaries.Count - 1)).Select(_ => new Dictionary<string, double>(StringComparer.Ordinal)).ToList();
        foreach (var one in series)
        {
            var group = groupBy(one);
            var byTime = one.Samples.Where(s => double.IsFinite(s.Value)).ToDictionary(s => Math.Round(s.Time, 3), s => s.Value);
            double? last = null;
            for (var k = 0; k < boundaries.Count; k++)
            {
                if (!byTime.TryGetValue(Math.Round(boundaries[k], 3), out var value))
                {
                    continue;
                }

                if (k > 0)
                {
                    var increase = last is null ? value : value >= last ? value - last.Value : value;
                    var slice = slices[k - 1];
                    slice[group] = slice.GetValueOrDefault(group) + increase;
                }

                last = value;
            }
        }

        return slices;
    }
}
