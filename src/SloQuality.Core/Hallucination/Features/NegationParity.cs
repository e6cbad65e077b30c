namespace SloQuality.Core.Hallucination.Features;

/// <summary>
/// Negation parity between a claim and the statement it restates, scope-aware ("not Sydney" negates
/// nothing the statement says, "not only" adds) and reading negating prefixes ("unopened" against
/// "opened"): the negation test of <see cref="Contradictions"/>.
/// </summary>
internal static class NegationParity
{
    /// <summary>
    /// Whether the two disagree in how often they negate what they share: a negation counts when one of
    /// the next three words is a word of the other text ("not Sydney" negates nothing the statement says).
    /// </summary>
    public static bool Differs(Evidence claim, Evidence statement)
    {
        // "unworn" holds "worn": a "not worn" in the other text negates a word this one has.
        var theirs = WithRoots(statement.Tokens);
        var mine = WithRoots(claim.Tokens);
        return Negations(claim.Tokens, theirs) % 2 != Negations(statement.Tokens, mine) % 2;
    }

    private static int Negations(IReadOnlyList<string> tokens, IReadOnlySet<string> other)
    {
        var count = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            // A negation counts when it negates a word both texts hold (a content word, not a name).
            // "not only" adds rather than negates.
            if (ContentWords.IsNegation(tokens[i]) && !(i == 0 && tokens.Count > 1 && tokens[0] == "no") && !(i + 1 < tokens.Count && tokens[i + 1] == "only")
                && tokens.Skip(i + 1).Take(3).Any(t => (other.Contains(t) || other.Contains(ContentWords.Stem(t))) && !ContentWords.IsNegation(t) && ContentWords.Of(t).Count > 0))
            {
                count++;
            }

            // "unopened" against "opened", "non-refundable" against "refundable": the prefix negates.
            if (Antonym(tokens[i], other))
            {
                count++;
            }
        }

        return count;
    }

    private static readonly string[] NegatingPrefixes = ["un", "non", "in", "dis"];

    private static HashSet<string> WithRoots(IReadOnlyList<string> tokens)
    {
        var set = tokens.Concat(tokens.Select(ContentWords.Stem)).ToHashSet(StringComparer.Ordinal);
        foreach (var t in tokens)
        {
            foreach (var prefix in NegatingPrefixes.Where(p => t.Length - p.Length >= 4 && t.StartsWith(p, StringComparison.Ordinal)))
            {
                set.Add(t[prefix.Length..].TrimStart('-'));
            }
        }

        return set;
    }

    private static bool Antonym(string token, IReadOnlySet<string> other)
    {
        foreach (var prefix in NegatingPrefixes)
        {
            if (token.Length - prefix.Length >= 4 && token.StartsWith(prefix, StringComparison.Ordinal) && !other.Contains(token))
            {
                var rest = token[prefix.Length..].TrimStart('-');
                if (other.Contains(rest) || other.Any(o => o.Length >= 4 && ContentWords.Stem(o) == ContentWords.Stem(rest)))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
