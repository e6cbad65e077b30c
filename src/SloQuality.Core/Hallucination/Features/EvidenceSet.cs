namespace SloQuality.Core.Hallucination.Features;

/// <summary>
/// What an output is judged against: the item's references, its context sentences, its known-incorrect
/// claims, and its question, with the word sets every claim is compared with made once per item.
/// </summary>
public sealed record EvidenceSet(IReadOnlyList<Evidence> References, IReadOnlyList<Evidence> Context, IReadOnlyList<Evidence> Incorrect, string Question)
{
    public IReadOnlySet<string> QuestionWords { get; } = ContentWords.Of(Question).ToHashSet(StringComparer.Ordinal);

    /// <summary>The embeddings of the support's distinct content words: a claim's novel word close to one of them is a synonym, not a new claim.</summary>
    public IReadOnlyList<ReadOnlyMemory<float>> Vocabulary { get; init; } = [];

    /// <summary>References and context: everything that supports.</summary>
    public IReadOnlyList<Evidence> Support => support ??= [.. References, .. Context];

    public IReadOnlySet<string> SupportWords => supportWords ??= Support.SelectMany(e => e.Words).ToHashSet(StringComparer.Ordinal);

    public IReadOnlySet<string> CounterWords => counterWords ??= Incorrect.SelectMany(e => e.Words).ToHashSet(StringComparer.Ordinal);

    public IReadOnlySet<string> SupportTokens => supportTokens ??= Support.SelectMany(e => e.Tokens).ToHashSet(StringComparer.Ordinal);

    public IReadOnlySet<string> CounterTokens => counterTokens ??= Incorrect.SelectMany(e => e.Tokens).ToHashSet(StringComparer.Ordinal);

    /// <summary>Adjacent token pairs of the support ("restocking fee", "fee of"): copied wording.</summary>
    public IReadOnlySet<string> SupportPairs => supportPairs ??= Support.SelectMany(e => Pairs(e.Tokens)).ToHashSet(StringComparer.Ordinal);

    /// <summary>The support's statements and, for those that join several ("A is 3 and B is 5"), each clause alone.</summary>
    public IReadOnlyList<Evidence> Statements => statements ??= [.. Support, .. Support.SelectMany(Clauses)];

    /// <summary>The support cut to its smallest statements: each clause of a statement that joins several, else the statement.</summary>
    public IReadOnlyList<Evidence> Atoms => atoms ??= [.. Support.SelectMany(s => Clauses(s).DefaultIfEmpty(s))];

    private static IEnumerable<Evidence> Clauses(Evidence e)
    {
        var parts = System.Text.RegularExpressions.Regex.Split(e.Text, @"\s*(?:;|,\s+|\s+and\s+|\s+while\s+|\s+but\s+|\s+whereas\s+)\s*");
        // A new record, not a copy: the word sets are made from the text when it is built.
        return parts.Length < 2 ? [] : parts.Where(p => p.Count(char.IsLetter) > 2).Select(p => new Evidence(p, e.Embedding, default, e.Lead) { IsClause = true });
    }

    /// <summary>The names the support commits to, question words left out.</summary>
    public IReadOnlySet<string> SupportNames => supportNames ??= Support.SelectMany(s => ContentWords.Names(s.Text)).Where(n => !QuestionWords.Contains(ContentWords.Stem(n))).ToHashSet(StringComparer.Ordinal);

    public static IEnumerable<string> Pairs(IReadOnlyList<string> tokens)
    {
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            yield return tokens[i] + " " + tokens[i + 1];
        }
    }

    private IReadOnlyList<Evidence>? support;
    private HashSet<string>? supportWords;
    private HashSet<string>? counterWords;
    private HashSet<string>? supportTokens;
    private HashSet<string>? counterTokens;
    private HashSet<string>? supportPairs;
    private HashSet<string>? supportNames;
    private IReadOnlyList<Evidence>? statements;
    private IReadOnlyList<Evidence>? atoms;
}
