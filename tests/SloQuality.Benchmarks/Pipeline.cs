using SloQuality.Core.Configuration;
using SloQuality.Core.Datasets;
using SloQuality.Core.Evaluation;
using SloQuality.Core.Hallucination;
using SloQuality.Core.Scoring;
using SloQuality.Inference.OpenAi;
using SloQuality.Storage.Sqlite;

namespace SloQuality.Benchmarks;

/// <summary>The whole evaluate path as <c>sloq evaluate</c> runs it: SK client, scoring, SQLite store, summary.</summary>
internal sealed class Pipeline : IAsyncDisposable
{
    private readonly string folder;
    private readonly SqliteResultStore store;
    private readonly EvaluationRunner runner;
    private int runs;

    private Pipeline(string folder, SqliteResultStore store)
    {
        this.folder = folder;
        this.store = store;
        runner = new EvaluationRunner(store, new ItemScorer(new CorrectnessJudge(), new LexicalHallucinationDetector()), TimeProvider.System);
    }

    public static async Task<Pipeline> StartAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "sloq-bench-" + Guid.NewGuid().ToString("N")[..8]);
        var store = new SqliteResultStore(Path.Combine(folder, "results.db"));
        await store.InitializeAsync(CancellationToken.None);
        return new Pipeline(folder, store);
    }

    public static SemanticKernelModelClient Client(Uri baseUri, string model, int concurrency) => new(
        new ModelTarget { Name = model, Provider = ModelTarget.Simulator, Model = model, Concurrency = concurrency, Timeout = TimeSpan.FromSeconds(60) },
        baseUri,
        apiKey: null);

    public Task<RunOutcome> RunAsync(GoldenDataset dataset, SemanticKernelModelClient client, int concurrency) =>
        runner.RunAsync(
            dataset,
            client,
            new RunSummary.ModelInfo(client.TargetName, ModelTarget.Simulator, client.TargetName),
            new EvaluationOptions { RunId = $"bench-{Interlocked.Increment(ref runs)}-{Guid.NewGuid():N}", Concurrency = concurrency },
            progress: null,
            CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await store.DisposeAsync();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
