using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using SloQuality.Core.Datasets;
using SloQuality.Core.Hallucination.Claims;
using SloQuality.Core.Hallucination.Features;
using SloQuality.Core.Text;

namespace SloQuality.Core.Hallucination.Training;

/// <summary>
/// Turns claims and their golden items into feature vectors: embeds every text not embedded yet (one
/// batch per call, so the generator can sort and pack them), builds each item's evidence once, and
/// computes the features of each claim. The product's detector, the trainer and the benchmarks all go
/// through here. Context sentences get no gist embedding: the gist features compare answers with
/// references and known mistakes, and a long context would double the cost of every new item.
/// </summary>
public sealed class DetectorFeaturizer
{
    /// <summary>Texts whose embeddings are kept (about 150 MB of 384-dimension vectors).</summary>
    private const int MaximumCached = 100_000;

    private readonly ConcurrentDictionary<string, ReadOnlyMemory<float>> embeddings = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<GoldenItem, EvidenceSet> evidence = new();
    private readonly EmbeddingBatcher batcher;

    private readonly bool withLength;

    public DetectorFeaturizer(IEmbeddingGenerator<string, Embedding<float>> generator, bool withLength = false)
    {
        this.withLength = withLength;
        batcher = new EmbeddingBatcher(generator, Keep);
    }

    public bool WithLength => withLength;

    /// <summary>The features of whole outputs, each taken as one claim (tests and yardsticks).</summary>
    public Task<IReadOnlyList<float[]>> FeaturesAsync(IReadOnlyList<(GoldenItem Item, string Output)> outputs, CancellationToken cancellationToken = default) =>
        FeaturesAsync(outputs.Select(o => (o.Item, AsClaim(o.Output))).ToList(), cancellationToken);

    public async Task<IReadOnlyList<float[]>> FeaturesAsync(IReadOnlyList<(GoldenItem Item, Claim Claim)> claims, CancellationToken cancellationToken = default) =>
        (await AnalyseAsync(claims, cancellationToken).ConfigureAwait(false)).Select(a => a.Features).ToList();

    /// <summary>Each claim's features and, where it crisply contradicts the evidence, why (see <see cref="Contradictions"/>).</summary>
    public async Task<IReadOnlyList<ClaimAnalysis>> AnalyseAsync(IReadOnlyList<(GoldenItem Item, Claim Claim)> claims, CancellationToken cancellationToken = default)
    {
        var items = claims.Select(c => c.Item).Distinct().ToList();
        var lexical = items.ToDictionary(i => i, i => evidence.TryGetValue(i, out var known) ? known : Lexical(i));
        var novel = claims.Select(c => GroundingFeatures.NovelWordsOf(c.Claim.Body, lexical[c.Item]).ToList()).ToList();
        var texts = items.Where(i => !evidence.TryGetValue(i, out _)).SelectMany(i => EvidenceTexts(i).Concat(Vocabulary(i)))
            .Concat(claims.SelectMany(c => ClaimTexts(c.Item, c.Claim.Body)))
            .Concat(novel.SelectMany(n => n));
        var vectors = await EmbedAsync(texts, cancellationToken).ConfigureAwait(false);
        var judged = claims.Select((c, k) =>
        {
            var set = evidence.GetValue(c.Item, i => Build(i, vectors));
            var claim = Of(c.Claim.Body, c.Item, vectors, gist: HasAnswers(c.Item), c.Claim.Lead) with { Asks = c.Claim.Asks, NovelWords = novel[k].Select(w => new NovelWord(w, vectors[w])).ToList() };
            var known = EvidenceKinds.Of(c.Item) == EvidenceKind.KnownMistakes;
            var contradiction = Contradictions.Find(claim, set, quantitiesOnly: known);
            var statement = !known && contradiction is null ? Paraphrase.StatementOf(claim, set) : null;
            return (Set: set, Claim: claim, Statement: statement, Contradiction: contradiction);
        }).ToList();

        // Clauses are embedded on their own only where a paraphrase is judged against one: most claims
        // restate a whole sentence or none, and embedding every clause would cost long contexts twice.
        var clauses = await EmbedAsync(judged.Select(j => j.Statement).OfType<Evidence>().Where(s => s.IsClause).Select(s => s.Text), cancellationToken).ConfigureAwait(false);
        return judged.Select(j =>
        {
            var paraphrase = j.Statement is { } s && Paraphrase.Holds(j.Claim, s, s.IsClause ? clauses[s.Text] : s.Embedding, j.Set);
            return new ClaimAnalysis(HallucinationFeatures.Compute(j.Claim, j.Set, withLength, paraphrase, j.Contradiction is not null), j.Contradiction, paraphrase);
        }).ToList();
    }

    public static Claim AsClaim(string output)
    {
        var (body, lead) = ClaimSplitter.Unwrap(output);
        return new Claim(output, body.Length == 0 ? output : body, lead);
    }

    private static bool HasAnswers(GoldenItem item) => item.Reference.Count > 0 || item.Incorrect.Count > 0;

    private static EvidenceSet Build(GoldenItem item, IReadOnlyDictionary<string, ReadOnlyMemory<float>> vectors) => new(
        item.Reference.Select(ClaimSplitter.Unwrap).Select(u => Of(u.Body, item, vectors, gist: true, u.Lead)).ToList(),
        ContextSentences(item).Select(s => Of(s, item, vectors, gist: false, 0)).ToList(),
        item.Incorrect.Select(ClaimSplitter.Unwrap).Select(u => Of(u.Body, item, vectors, gist: true, u.Lead)).ToList(),
        item.Prompt)
    {
        Vocabulary = Vocabulary(item).Select(w => vectors[w]).ToList(),
    };

    /// <summary>The evidence's words alone (no embeddings): enough to know which of a claim's words are new to it.</summary>
    private static EvidenceSet Lexical(GoldenItem item) => new(
        item.Reference.Select(r => new Evidence(ClaimSplitter.Unwrap(r).Body, default)).ToList(),
        ContextSentences(item).Select(s => new Evidence(s, default)).ToList(),
        [],
        item.Prompt);

    /// <summary>The support's content words, at most <see cref="VocabularyLimit"/>, each embedded alone.</summary>
    private static IEnumerable<string> Vocabulary(GoldenItem item) =>
        GroundingFeatures.VocabularyOf(item.Reference.Select(r => ClaimSplitter.Unwrap(r).Body).Concat(ContextSentences(item))).Take(VocabularyLimit);

    private const int VocabularyLimit = 400;

    private static IEnumerable<string> ContextSentences(GoldenItem item) => item.Context.SelectMany(Sentences.Split);

    private static Evidence Of(string text, GoldenItem item, IReadOnlyDictionary<string, ReadOnlyMemory<float>> vectors, bool gist, int lead) =>
        new(text, vectors[text], gist ? vectors[Gist(text, item)] : default, lead);

    private static string Gist(string text, GoldenItem item) =>
        ContentWords.Gist(text, ContentWords.Of(item.Prompt).ToHashSet(StringComparer.Ordinal));

    private static IEnumerable<string> EvidenceTexts(GoldenItem item)
    {
        foreach (var answer in item.Reference.Concat(item.Incorrect))
        {
            var body = ClaimSplitter.Unwrap(answer).Body;
            yield return body;
            yield return Gist(body, item);
        }

        foreach (var sentence in ContextSentences(item))
        {
            yield return sentence;
        }
    }

    private static IEnumerable<string> ClaimTexts(GoldenItem item, string body) =>
        HasAnswers(item) ? [body, Gist(body, item)] : [body];

    /// <summary>The vectors of the texts, from the cache or embedded now; held for this call even if the cache is cleared meanwhile.</summary>
    private async Task<IReadOnlyDictionary<string, ReadOnlyMemory<float>>> EmbedAsync(IEnumerable<string> texts, CancellationToken cancellationToken)
    {
        var wanted = texts.Distinct(StringComparer.Ordinal).ToList();
        var found = new Dictionary<string, ReadOnlyMemory<float>>(wanted.Count, StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var text in wanted)
        {
            if (embeddings.TryGetValue(text, out var vector))
            {
                found[text] = vector;
            }
            else
            {
                missing.Add(text);
            }
        }

        if (missing.Count == 0)
        {
            return found;
        }

        var generated = await batcher.EmbedAsync(missing, cancellationToken).ConfigureAwait(false);
        foreach (var text in missing)
        {
            found[text] = generated[text];
        }

        return found;
    }

    /// <summary>Keeps what a call embedded, making room first when the cache is full.</summary>
    private void Keep(IReadOnlyList<string> texts, IReadOnlyList<ReadOnlyMemory<float>> vectors)
    {
        if (embeddings.Count + texts.Count > MaximumCached)
        {
            // A long-lived service sees new outputs every run; the golden texts come back at once.
            embeddings.Clear();
        }

        for (var i = 0; i < texts.Count; i++)
        {
            embeddings[texts[i]] = vectors[i];
        }
    }
}

/// <summary>A claim's features, and why it contradicts the evidence when it crisply does (null otherwise).</summary>
/// <param name="Paraphrase">True when the claim restates one statement of the evidence faithfully in other words (see <see cref="Paraphrase"/>).</param>
public sealed record ClaimAnalysis(float[] Features, string? Contradiction, bool Paraphrase = false);
