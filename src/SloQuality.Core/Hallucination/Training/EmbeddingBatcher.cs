using Microsoft.Extensions.AI;

namespace SloQuality.Core.Hallucination.Training;

/// <summary>
/// Embeds the texts of concurrent callers together: while one call to the generator runs, the texts
/// asked for meanwhile wait and go into the next call as one batch. A run scores several items at
/// once, and each item alone asks for a handful of texts: one call per item paid the encoder's fixed
/// cost per call (about as much as 30 short texts) and packed batches of a few texts each. Only one
/// call runs at a time, as before: the generator already spreads one call over every core.
/// </summary>
internal sealed class EmbeddingBatcher(
    IEmbeddingGenerator<string, Embedding<float>> generator,
    Action<IReadOnlyList<string>, IReadOnlyList<ReadOnlyMemory<float>>> keep)
{
    private readonly Lock sync = new();
    private List<Request> pending = [];
    private bool draining;

    /// <summary>The vectors of the texts (and of the other texts embedded in the same call).</summary>
    public Task<IReadOnlyDictionary<string, ReadOnlyMemory<float>>> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var request = new Request(texts, new TaskCompletionSource<IReadOnlyDictionary<string, ReadOnlyMemory<float>>>(TaskCreationOptions.RunContinuationsAsynchronously));
        bool start;
        lock (sync)
        {
            pending.Add(request);
            start = !draining;
            draining = true;
        }

        if (start)
        {
            _ = Task.Run(DrainAsync, CancellationToken.None);
        }

        // A caller that gives up stops waiting; the call it joined still serves the others.
        return request.Done.Task.WaitAsync(cancellationToken);
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            List<Request> round;
            lock (sync)
            {
                if (pending.Count == 0)
                {
                    draining = false;
                    return;
                }

                (round, pending) = (pending, []);
            }

            try
            {
                var texts = round.SelectMany(r => r.Texts).Distinct(StringComparer.Ordinal).ToList();
                var generated = await generator.GenerateAsync(texts).ConfigureAwait(false);
                if (generated.Count != texts.Count)
                {
                    throw new InvalidOperationException($"the embedding generator returned {generated.Count} vectors for {texts.Count} texts");
                }

                var vectors = generated.Select(e => e.Vector).ToList();
                keep(texts, vectors);
                var byText = new Dictionary<string, ReadOnlyMemory<float>>(texts.Count, StringComparer.Ordinal);
                for (var i = 0; i < texts.Count; i++)
                {
                    byText[texts[i]] = vectors[i];
                }

                round.ForEach(r => r.Done.TrySetResult(byText));
            }
            catch (Exception e)
            {
                // Failures are the callers': each sees the generator's exception, and the next round starts afresh.
                round.ForEach(r => r.Done.TrySetException(e));
            }
        }
    }

    private sealed record Request(IReadOnlyList<string> Texts, TaskCompletionSource<IReadOnlyDictionary<string, ReadOnlyMemory<float>>> Done);
}
