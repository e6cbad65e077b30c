using SloQuality.Core.Configuration;
using SloQuality.Core.Datasets;
using SloQuality.Core.Drift;
using SloQuality.Core.Evaluation;
using SloQuality.Core.Hallucination;
using SloQuality.Core.Scoring;
using SloQuality.Inference.Embeddings;
using SloQuality.Inference.OpenAi;
using SloQuality.Simulator;
using SloQuality.Storage.Sqlite;

namespace SloQuality.Cli.Tests.Drift;

/// <summary>
/// Seeded baseline/current pairs through the whole path (simulator over HTTP, scoring, SQLite, MiniLM,
/// promotion with a noise floor from two repeats, drift stage): counts the pairs whose verdict is drift.
/// </summary>
internal sealed class DriftCalibration : IAsyncDisposable
{
    private static readonly Lazy<MiniLmEmbeddingGenerator> Generator = new(() => new MiniLmEmbeddingGenerator());
    private readonly CliRun folder = new();
    private readonly SqliteResultStore store;
    private readonly GoldenDataset dataset;

    public DriftCalibration()
    {
        store = new SqliteResultStore(folder.Path("results.db"));
        // The two prose sample sets as one dataset of 68 items: drift is judged per run of a dataset.
        var items = new[] { "customer-support.yaml", "factual-qa.jsonl" }
            .SelectMany(f => GoldenDatasetLoader.Load(Path.Combine(CliRun.RepositoryRoot, "golden-datasets", f)).Dataset!.Items)
            .ToList();
        dataset = new GoldenDataset("calibration", "calibration.jsonl", string.Empty, items, "calibration-v1");
    }

    public async Task<(int Alarms, List<string> Verdicts)> CountAlarmsAsync(string name, int pairs, double meaningShift)
    {
        await store.InitializeAsync(CancellationToken.None);
        var cache = new EmbeddingCache(Generator.Value, store);
        var stage = new DriftStage(cache, store, store, new DriftAnalyzer(DriftAnalyzer.DefaultTests, new DriftOptions()));
        var runner = new EvaluationRunner(store, new ItemScorer(new CorrectnessJudge(), new LexicalHallucinationDetector()), TimeProvider.System, stage);
        var promotion = new BaselinePromotion(store, store, cache, TimeProvider.System);
        var verdicts = new List<string>();
        for (var k = 0; k < pairs; k++)
        {
            var target = $"{name}-{k}";
            var baseline = await RunAsync(runner, Profile(target, seed: 1000 + k, meaningShift: 0), repeat: 2);
            var (promoted, problem) = await promotion.PromoteAsync(baseline.RunId, null, "test", CancellationToken.None);
            Assert.True(promoted?.Noise is not null, problem ?? "no noise floor");
            var current = await RunAsync(runner, Profile(target, seed: 5000 + k, meaningShift), repeat: 1);
            var drift = current.Drift!;
            verdicts.Add($"{target}: {drift.Verdict} (mean {drift.MeanSimilarity.Mean:0.000}, noise {drift.NoiseFloor?.Mean:0.000}; " +
                string.Join(", ", drift.Tests.Select(t => $"{t.Name} {t.Statistic:0.0000} p={t.AdjustedPValue:0.000}")) + ")");
        }

        return (verdicts.Count(v => v.Contains($": {DriftAssessment.Drift} ", StringComparison.Ordinal)), verdicts);
    }

    private async Task<RunSummary> RunAsync(EvaluationRunner runner, SimulatorProfile profile, int repeat)
    {
        await using var host = await SimulatorHost.StartAsync([profile]);
        host.Answers.Add(dataset);
        var target = new ModelTarget { Name = profile.Model, Provider = ModelTarget.Simulator, Model = profile.Model, Concurrency = 16 };
        using var client = new SemanticKernelModelClient(target, host.BaseUri, apiKey: null);
        var model = new RunSummary.ModelInfo(profile.Model, ModelTarget.Simulator, profile.Model);
        var outcome = await runner.RunAsync(dataset, client, model, new EvaluationOptions { Concurrency = 16, Repeat = repeat }, null, CancellationToken.None);
        return outcome.Summary;
    }

    /// <summary>sim-stable's answer behaviour at zero latency, with a per-run seed (run-to-run sampling noise).</summary>
    private static SimulatorProfile Profile(string model, int seed, double meaningShift) => new()
    {
        Model = model,
        Seed = seed,
        Ttft = new LogNormal(0, 0),
        InterToken = new LogNormal(0, 0),
        HallucinationRate = 0.02,
        ParaphraseRate = 0.15,
        MeaningShiftRate = meaningShift,
    };

    public async ValueTask DisposeAsync()
    {
        await store.DisposeAsync();
        folder.Dispose();
    }
}
