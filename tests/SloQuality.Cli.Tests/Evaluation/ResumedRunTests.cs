using SloQuality.Core.Datasets;
using SloQuality.Core.Evaluation;
using SloQuality.Core.Hallucination;
using SloQuality.Core.Replay;
using SloQuality.Core.Scoring;
using SloQuality.Inference.Recorded;
using SloQuality.Storage.Sqlite;

namespace SloQuality.Cli.Tests.Evaluation;

public sealed class ResumedRunTests : IDisposable
{
    private readonly CliRun folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task AResumedRunReplaysOnlyWhatIsMissingAndCountsEveryItemOnce()
    {
        var items = Enumerable.Range(0, 200).Select(i => new GoldenItem
        {
            Id = $"q{i}",
            Input = [new ChatMessage("user", $"q{i}?")],
            Reference = [$"answer {i}"],
        }).ToList();
        var dataset = new GoldenDataset("resume", "resume.jsonl", string.Empty, items, "hash");
        var outputs = items.ToDictionary(i => i.Id, i => new ReplayResult { Output = i.Reference[0], TtftMs = 5, TotalMs = 9 });
        var model = new RunSummary.ModelInfo("recorded", "recorded", null);
        var options = new EvaluationOptions { RunId = "run-resume", Concurrency = 4 };

        await using var store = new SqliteResultStore(folder.Path("results.db"));
        await store.InitializeAsync(CancellationToken.None);
        var runner = new EvaluationRunner(store, new ItemScorer(new CorrectnessJudge(), new LexicalHallucinationDetector()), TimeProvider.System);

        // First attempt: the worker dies after 60 calls.
        using var killed = new CancellationTokenSource();
        var first = new CountingClient(new RecordedModelClient("recorded", outputs), stopAfter: 60, killed);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => runner.RunAsync(dataset, first, model, options, null, killed.Token));
        await store.FlushAsync(CancellationToken.None);
        var stored = (await store.GetCompletedItemsAsync("run-resume", CancellationToken.None)).Count;
        Assert.InRange(stored, 1, 64);

        // The retry: only the missing items are sent, and the summary counts each item once.
        var second = new CountingClient(new RecordedModelClient("recorded", outputs), stopAfter: int.MaxValue, null);
        var (summary, results, _) = await runner.RunAsync(dataset, second, model, options, null, CancellationToken.None);

        Assert.Equal(200 - stored, second.Calls);
        Assert.Equal(200, summary.Items.Completed);
        Assert.Equal(200, summary.Correctness.N);
        Assert.Equal(200, summary.Correctness.Successes);
        Assert.Equal(200, results.Select(r => r.ItemId).Distinct().Count());
    }

    private sealed class CountingClient(IModelClient inner, int stopAfter, CancellationTokenSource? kill) : IModelClient
    {
        private int calls;

        public int Calls => calls;

        public string TargetName => inner.TargetName;

        public Task<ReplayResult> ReplayAsync(GoldenItem item, CancellationToken cancellationToken)
        {
            // The kill itself is checked, not only the runner's token: Parallel.ForEachAsync may pass the
            // cancellation on to its own token a little later, and on a loaded machine more calls slip by.
            if (Interlocked.Increment(ref calls) >= stopAfter || kill?.IsCancellationRequested == true)
            {
                kill?.Cancel();
                throw new OperationCanceledException(kill?.Token ?? cancellationToken);
            }

            cancellationToken.ThrowIfCancellationRequested();
            return inner.ReplayAsync(item, cancellationToken);
        }
    }
}
