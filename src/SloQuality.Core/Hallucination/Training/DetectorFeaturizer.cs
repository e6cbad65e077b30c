using Microsoft.Extensions.AI;
using SloQuality.Core.Datasets;
using SloQuality.Core.Hallucination.Features;
using SloQuality.Core.Scoring;
using SloQuality.Core.Text;

namespace SloQuality.Core.Hallucination.Training;

/// <summary>
/// Turns outputs and their golden items into feature vectors: embeds every text not embedded yet (one
/// batch, so the generator can sort and pack them), builds each item's evidence once, and computes the
/// features of the output. The product's detector and the benchmarks both go through here.
/// </summary>
public sealed class DetectorFeaturizer(IEmbeddingGenerator<string, Embedding<float>> generator, bool withLength = false)
{
    private readonly Dictionary<string, ReadOnlyMemory<float>> embeddings = new(StringComparer.Ordinal);
    /// <summary>Texts whose embeddings are kept (about 150 MB of 384-dimension vectors).</summary>
    private const int MaximumCached = 100_000;

    private readonly SemaphoreSlim gate = new(1, 1);

    public bool WithLength => withLength;

    public async Task<IReadOnlyList<float[]>> FeaturesAsync(IReadOnlyList<(GoldenItem Item, string Output)> outputs, CancellationToken cancellationToken = default)
    {
        // One at a time: the cache is a plain dictionary, and features take a fraction of a millisecond.
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await EmbedAsync(outputs.SelectMany(o => Texts(o.Item).Append(o.Output).SelectMany(t => new[] { t, Gist(t, o.Item) })), cancellationToken).ConfigureAwait(false);
            return outputs.Select(o => HallucinationFeatures.Compute(Of(o.Output, o.Item), Evidence(o.Item), withLength)).ToList();
        }
        finally
        {
            gate.Release();
        }
    }

    private EvidenceSet Evidence(GoldenItem item) => new(
        item.Reference.Select(t => Of(t, item)).ToList(),
        item.Context.SelectMany(Sentences.Split).Select(t => Of(t, item)).ToList(),
        item.Incorrect.Select(t => Of(t, item)).ToList(),
        item.Prompt);

    private Evidence Of(string text, GoldenItem item) => new(text, embeddings[text], embeddings[Gist(text, item)]);

    private static string Gist(string text, GoldenItem item) =>
        ContentWords.Gist(text, ContentWords.Of(item.Prompt).ToHashSet(StringComparer.Ordinal));

    private static IEnumerable<string> Texts(GoldenItem item) =>
        item.Reference.Concat(item.Context.SelectMany(Sentences.Split)).Concat(item.Incorrect);

    private async Task EmbedAsync(IEnumerable<string> texts, CancellationToken cancellationToken)
    {
        var missing = texts.Where(t => !embeddings.ContainsKey(t)).Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        if (embeddings.Count + missing.Count > MaximumCached)
        {
            // A long-lived service sees new outputs every run; the golden texts come back at once.
            embeddings.Clear();
            missing = texts.Distinct(StringComparer.Ordinal).ToList();
        }

        var generated = await generator.GenerateAsync(missing, cancellationToken: cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < missing.Count; i++)
        {
            embeddings[missing[i]] = generated[i].Vector;
        }
    }
}
