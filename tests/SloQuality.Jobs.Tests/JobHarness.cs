using Hangfire;
using Hangfire.InMemory;
using SloQuality.Core.Configuration;
using SloQuality.Core.Evaluation;
using SloQuality.Core.Hallucination;
using SloQuality.Core.Replay;
using SloQuality.Core.Scoring;
using SloQuality.Inference.OpenAi;
using SloQuality.Simulator;
using SloQuality.Storage.Sqlite;

namespace SloQuality.Jobs.Tests;

/// <summary>
/// Real Hangfire (in-memory storage, a background job server with several workers), the SQLite result
/// store and the simulator over HTTP, wired by hand: jobs are activated from this harness, not from a
/// global registry.
/// </summary>
internal sealed class JobHarness : IAsyncDisposable
{
    private readonly BackgroundJobServer server;
    private readonly string folder;

    private JobHarness(string folder, SimulatorHost simulator, SqliteResultStore store, InMemoryStorage storage, JobsOptions options)
    {
        this.folder = folder;
        Simulator = simulator;
        Store = store;
        Storage = storage;
        Options = options;
        Jobs = new BackgroundJobClient(storage);
        var clients = new SimulatorClients(simulator);
        var runner = new EvaluationRunner(store, new ItemScorer(new CorrectnessJudge(), new LexicalHallucinationDetector()), TimeProvider.System, null, store);
        Starter = new RunStarter(store, store, Jobs, new DatasetCatalog(options), options, TimeProvider.System);
        var activator = new Activator(new Dictionary<Type, Func<object>>
        {
            [typeof(ChunkJob)] = () => new ChunkJob(store, store, runner, clients, Jobs),
            [typeof(FinalizeRunJob)] = () => new FinalizeRunJob(store, store, runner, clients, options),
            [typeof(SweepStalledRunsJob)] = () => new SweepStalledRunsJob(store, store, Jobs, TimeProvider.System),
        });
        server = new BackgroundJobServer(
            new BackgroundJobServerOptions { Queues = [JobsOptions.EvaluateQueue, "default"], WorkerCount = 6, Activator = activator, SchedulePollingInterval = TimeSpan.FromMilliseconds(200) },
            storage);
    }

    public SimulatorHost Simulator { get; }

    public SqliteResultStore Store { get; }

    public InMemoryStorage Storage { get; }

    public JobsOptions Options { get; }

    public IBackgroundJobClient Jobs { get; }

    public RunStarter Starter { get; }

    public static async Task<JobHarness> StartAsync(string datasetsFolder, int chunkSize)
    {
        var simulator = await SimulatorHost.StartAsync([new SimulatorProfile { Model = "sim", Ttft = new LogNormal(2, 5), InterToken = new LogNormal(0.5, 1), ParaphraseRate = 0.1 }]);
        simulator.Answers.AddFolders([datasetsFolder]);
        var folder = Path.Combine(Path.GetTempPath(), "sloq-jobs-" + Guid.NewGuid().ToString("N")[..8]);
        var store = new SqliteResultStore(Path.Combine(folder, "results.db"));
        await store.InitializeAsync(CancellationToken.None);
        var options = new JobsOptions { DatasetsFolder = datasetsFolder, OutputFolder = Path.Combine(folder, "out"), ChunkSize = chunkSize };
        return new JobHarness(folder, simulator, store, new InMemoryStorage(), options);
    }

    /// <summary>Waits until the run is completed (or the time is up).</summary>
    public async Task<RunRecord> WaitForRunAsync(string runId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var run = await Store.GetRunAsync(runId, CancellationToken.None);
            if (run?.Status == RunRecord.Completed)
            {
                return run;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"run {runId} did not complete within {timeout}");
    }

    public async ValueTask DisposeAsync()
    {
        server.SendStop();
        server.Dispose();
        await Store.DisposeAsync();
        await Simulator.DisposeAsync();
        Storage.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    private sealed class Activator(Dictionary<Type, Func<object>> factories) : JobActivator
    {
        public override object ActivateJob(Type jobType) => factories[jobType]();
    }

    private sealed class SimulatorClients(SimulatorHost simulator) : IModelClientProvider
    {
        private readonly Lazy<SemanticKernelModelClient> client = new(() => new SemanticKernelModelClient(
            new ModelTarget { Name = "sim", Provider = ModelTarget.Simulator, Model = "sim", Concurrency = 32 }, simulator.BaseUri, null));

        public (IModelClient? Client, RunSummary.ModelInfo? Model, string? Problem) Get(string target) =>
            target == "sim" ? (client.Value, new RunSummary.ModelInfo("sim", ModelTarget.Simulator, "sim"), null) : (null, null, $"unknown model target '{target}'");
    }
}
