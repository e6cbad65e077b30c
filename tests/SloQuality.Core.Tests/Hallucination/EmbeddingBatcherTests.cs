using Microsoft.Extensions.AI;
using SloQuality.Core.Hallucination.Training;

namespace SloQuality.Core.Tests.Hallucination;

/// <summary>Concurrent callers share the encoder's calls; the first call is held open so the others queue behind it.</summary>
public sealed class EmbeddingBatcherTests
{
    [Fact]
    public async Task TextsAskedForWhileACallRunsGoIntoOneNextCall()
    {
        using var generator = new HeldGenerator();
        var kept = new List<string>();
        var batcher = new EmbeddingBatcher(generator, (texts, _) => kept.AddRange(texts));
        var first = batcher.EmbedAsync(["alpha"], CancellationToken.None);
        await generator.Started.Task;
        var others = Enumerable.Range(0, 5).Select(i => batcher.EmbedAsync([$"text {i}", "shared"], CancellationToken.None)).ToList();
        generator.Release.SetResult();

        Assert.Equal(5f, (await first)["alpha"].Span[0]);
        foreach (var (other, i) in others.Select((o, i) => (o, i)))
        {
            var vectors = await other;
            Assert.Equal(6f, vectors[$"text {i}"].Span[0]);
            Assert.Equal(6f, vectors["shared"].Span[0]);
        }

        Assert.Equal([1, 6], generator.Calls);
        Assert.Equal(7, kept.Count);
    }

    [Fact]
    public async Task AFailedCallFailsItsCallersAndTheNextCallStartsAfresh()
    {
        using var generator = new HeldGenerator { FailOn = "broken" };
        var batcher = new EmbeddingBatcher(generator, (_, _) => { });
        generator.Release.SetResult();

        await Assert.ThrowsAsync<InvalidOperationException>(() => batcher.EmbedAsync(["broken"], CancellationToken.None));
        Assert.Equal(4f, (await batcher.EmbedAsync(["fine"], CancellationToken.None))["fine"].Span[0]);
    }

    [Fact]
    public async Task ACallerThatGivesUpDoesNotCancelTheCallOthersWaitFor()
    {
        using var generator = new HeldGenerator();
        var batcher = new EmbeddingBatcher(generator, (_, _) => { });
        using var giveUp = new CancellationTokenSource();
        var impatient = batcher.EmbedAsync(["first"], giveUp.Token);
        await generator.Started.Task;
        var patient = batcher.EmbedAsync(["second"], CancellationToken.None);
        await giveUp.CancelAsync();
        generator.Release.SetResult();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => impatient);
        Assert.Equal(6f, (await patient)["second"].Span[0]);
    }

    /// <summary>Embeds a text as its length; its first call waits for <see cref="Release"/>.</summary>
    private sealed class HeldGenerator : IEmbeddingGenerator<string, Embedding<float>>
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<int> Calls { get; } = [];

        public string? FailOn { get; init; }

        public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            var texts = values.ToList();
            lock (Calls)
            {
                Calls.Add(texts.Count);
            }

            Started.TrySetResult();
            await Release.Task;
            if (FailOn is not null && texts.Contains(FailOn))
            {
                throw new InvalidOperationException("the encoder failed");
            }

            return new GeneratedEmbeddings<Embedding<float>>(texts.Select(t => new Embedding<float>(new[] { (float)t.Length })));
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
