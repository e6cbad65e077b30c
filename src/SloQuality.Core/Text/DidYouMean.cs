namespace SloQuality.Core.Text;

/// <summary>
/// The known name a misspelt one was most likely meant to be: the closest by edit distance (case
/// ignored), if it is close enough to be a slip (at most a third of the longer name's letters, and at
/// least one), or one that starts with the name given. "sim-stabel" suggests "sim-stable"; "gpt-7"
/// suggests nothing among simulator targets.
/// </summary>
public static class DidYouMean
{
    /// <summary>The suggestion, or null when no known name is close.</summary>
    public static string? Closest(string name, IEnumerable<string> known)
    {
        var (best, bestDistance) = ((string?)null, int.MaxValue);
        foreach (var candidate in known)
        {
            var distance = Distance(name.ToLowerInvariant(), candidate.ToLowerInvariant());
            var allowed = Math.Max(1, Math.Max(name.Length, candidate.Length) / 3);
            var prefix = name.Length >= 3 && candidate.StartsWith(name, StringComparison.OrdinalIgnoreCase);
            if ((distance <= allowed || prefix) && distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        return best;
    }

    /// <summary>" (did you mean 'x'?)", or nothing: to append to a message that names the unknown name.</summary>
    public static string Suffix(string name, IEnumerable<string> known) =>
        Closest(name, known) is { } suggestion ? $" (did you mean '{suggestion}'?)" : string.Empty;

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and swapped neighbours.</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
