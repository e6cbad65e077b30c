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

    [Theory]
    [InlineData("other-dataset", "dataset 'resume', not 'other-dataset'")]
    [InlineData("changed", "dataset version hash, not changed (the file changed since)")]
    [InlineData("other-target", "model target 'recorded', not 'other'")]
    [InlineData("repeat", "--repeat 1, not 2")]
    public async Task ARunIdOfAnotherRunIsRefusedNotMerged(string change, string difference)
    {
        var (dataset, outputs, model) = Fixture(20);
        await using var store = new SqliteResultStore(folder.Path("results.db"));
        await store.InitializeAsync(CancellationToken.None);
        var runner = new EvaluationRunner(store, new ItemScorer(new CorrectnessJudge(), new LexicalHallucinationDetector()), TimeProvider.System);
        await runner.RunAsync(dataset, new RecordedModelClient("recorded", outputs), model, new EvaluationOptions { RunId = "run-1" }, null, CancellationToken.None);

        var (otherDataset, client, options) = change switch
        {
            "other-dataset" => (dataset with { Name = "other-dataset" }, new RecordedModelClient("recorded", outputs), new EvaluationOptions { RunId = "run-1" }),
            "changed" => (dataset with { ContentHash = "changed" }, new RecordedModelClient("recorded", outputs), new EvaluationOptions { RunId = "run-1" }),
            "other-target" => (dataset, new RecordedModelClient("other", outputs), new EvaluationOptions { RunId = "run-1" }),
            _ => (dataset, new RecordedModelClient("recorded", outputs), new EvaluationOptions { RunId = "run-1", Repeat = 2 }),
        };
        var refused = await Assert.ThrowsAsync<RunConflictException>(() => runner.RunAsync(otherDataset, client, model, options, null, CancellationToken.None));

        Assert.Contains(difference, refused.Message);
        Assert.Equal(20, (await store.GetItemResultsAsync("run-1", CancellationToken.None)).Count);
    }

    [Fact]
    public async Task TheSameRunIdStartedTwiceAtOnceCallsTheModelOncePerItem()
    {
        var (dataset, outputs, model) = Fixture(100);
        await using var store = new SqliteResultStore(folder.Path("results.db"));
        await store.InitializeAsync(CancellationToken.None);
        var runner = new EvaluationRunner(store, new ItemScorer(new CorrectnessJudge(), new LexicalHallucinationDetector()), TimeProvider.System);
        var options = new EvaluationOptions { RunId = "run-twice", Concurrency = 4 };
        var first = new SlowClient(new RecordedModelClient("recorded", outputs));
        var second = new SlowClient(new RecordedModelClient("recorded", outputs));

        var runs = new[] { first, second }.Select(c => Task.Run(() => runner.RunAsync(dataset, c, model, options, null, CancellationToken.None))).ToList();
        var finished = await Task.WhenAll(runs.Select(async r => { try { return await r; } catch (RunConflictException) { return null; } }));

        // Overlapping, one is refused; should the machine run them one after the other, the second finds
        // everything stored. Either way the model answers each item once and every summary agrees with the store.
        Assert.NotEmpty(finished.OfType<RunOutcome>());
        Assert.Equal(100, first.Calls + second.Calls);
        Assert.All(finished.OfType<RunOutcome>(), f => Assert.Equal(100, f.Summary.Items.Completed));
        Assert.Equal(100, (await store.GetItemResultsAsync("run-twice", CancellationToken.None)).Count);
    }

    private static (GoldenDataset Dataset, Dictionary<string, ReplayResult> Outputs, RunSummary.ModelInfo Model) Fixture(int count)
    {
        var items = Enumerable.Range(0, count).Select(i => new GoldenItem { Id = $"q{i}", Input = [new ChatMessage("user", $"q{i}?")], Reference = [$"answer {i}"] }).ToList();
        return (new GoldenDataset("resume", "resume.jsonl", string.Empty, items, "hash"),
            items.ToDictionary(i => i.Id, i => new ReplayResult { Output = i.Reference[0], TtftMs = 5, TotalMs = 9 }),
            new RunSummary.ModelInfo("recorded", "recorded", null));
    }

    /// <summary>Takes a few milliseconds per call, so two runs started together overlap.</summary>
    private sealed class SlowClient(IModelClient inner) : IModelClient
    {
        private int calls;

        public int Calls => calls;

        public string TargetName => inner.TargetName;

        public async Task<ReplayResult> ReplayAsync(GoldenItem item, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref calls);
            await Task.Delay(5, cancellationToken);
            return await inner.ReplayAsync(item, cancellationToken);
        }
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
