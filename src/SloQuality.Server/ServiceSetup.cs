using Hangfire.PostgreSql;
using Hangfire;
using OpenTelemetry.Metrics;
using SloQuality.Core.Configuration;
using SloQuality.Core.Datasets;
using SloQuality.Core.Drift;
using SloQuality.Core.Evaluation;
using SloQuality.Core.Hallucination;
using SloQuality.Core.Notifications;
using SloQuality.Core.Retention;
using SloQuality.Core.Scoring;
using SloQuality.Core.Slo;
using SloQuality.Inference.Embeddings;
using SloQuality.Inference.Hallucination;
using SloQuality.Inference.Judge;
using SloQuality.Inference.Telemetry;
using SloQuality.Jobs.Telemetry;
using SloQuality.Jobs;
using SloQuality.Storage.Postgres;
using SloQuality.Storage.Sqlite;
using SloQuality.Storage;

namespace SloQuality.Server;

/// <summary>The services both roles share: the result store, Hangfire on the chosen storage, and the jobs.</summary>
public static class ServiceSetup
{
    public static SqlResultStore CreateStore(ServerSettings settings) => settings.Storage switch
    {
        ServerSettings.Postgres => new PostgresResultStore(settings.PostgresConnection
            ?? throw new SettingsException("SLOQ_STORAGE=postgres needs SLOQ_POSTGRES, a PostgreSQL connection string")),
        ServerSettings.Sqlite => new SqliteResultStore(settings.SqlitePath),
        var other => throw new SettingsException($"SLOQ_STORAGE '{other}' is not known, expected sqlite or postgres"),
    };

    public static void AddSloQuality(this IServiceCollection services, ServerSettings settings, SqlResultStore store, Uri? simulator)
    {
        services.AddSingleton(settings);
        services.AddSingleton(store);
        services.AddSingleton<IResultStore>(store);
        services.AddSingleton<IRunChunkStore>(store);
        services.AddSingleton<ISloSliceStore>(store);
        services.AddSingleton<IBaselineStore>(store);
        services.AddSingleton<IEmbeddingStore>(store);
        services.AddSingleton<INotificationStateStore>(store);
        services.AddSingleton<Core.Review.IReviewStore>(store);
        services.AddSingleton<Core.Signoff.ISignoffStore>(store);
        services.AddSingleton<IRetentionStore>(store);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new JobsOptions { ConfigFolder = settings.ConfigFolder, DatasetsFolder = settings.DatasetsFolder, OutputFolder = settings.OutputFolder, ChunkSize = settings.ChunkSize, Retention = settings.Retention, DatasetLimits = DatasetLimits.FromEnvironment(Environment.GetEnvironmentVariable) });
        services.AddSingleton<DatasetCatalog>();
        services.AddSingleton<IModelClientProvider>(_ => new TargetClients(settings.ConfigFolder, simulator));
        services.AddSingleton(sp =>
        {
            // Drift needs the embedding model: loaded once per process, when the first run is finalised
            // (or a sign-off compares outputs), and shared by both.
            var (embedding, driftOptions, _) = DriftConfiguration.Load(settings.ConfigFolder);
            var (generator, problem) = EmbeddingGeneratorFactory.Create(embedding, Environment.GetEnvironmentVariable);
            if (problem is not null)
            {
                sp.GetRequiredService<ILogger<EvaluationRunner>>().LogWarning("drift is off: {Problem}", problem);
            }

            return new DriftServices(generator is null ? null : new EmbeddingCache(generator, store), driftOptions);
        });
        services.AddSingleton(sp =>
        {
            var drift = sp.GetRequiredService<DriftServices>();
            var stage = drift.Embeddings is null ? null : new DriftStage(drift.Embeddings, store, store, new DriftAnalyzer(DriftAnalyzer.DefaultTests, drift.Options));

            var (detector, detectorProblem) = HallucinationDetectorFactory.Create(settings.ConfigFolder);
            if (detectorProblem is not null)
            {
                sp.GetRequiredService<ILogger<EvaluationRunner>>().LogWarning("hallucination detector: {Problem}", detectorProblem);
            }

            // The judge lives as long as the process, as the runner does.
            RunJudge? judge = null;
            var hallucination = HallucinationSettings.Load(settings.ConfigFolder).Settings;
            if (hallucination.Judge is { } judgeName)
            {
                (judge, var judgeProblem) = RunJudgeFactory.Create(judgeName, settings.ConfigFolder, simulator, Environment.GetEnvironmentVariable, store);
                if (judgeProblem is not null)
                {
                    // Named where the judge was asked for; the target file's own problem follows.
                    sp.GetRequiredService<ILogger<EvaluationRunner>>().LogWarning(
                        "{File}:{Line}: judge '{Judge}' cannot be used, runs go unjudged: {Problem}",
                        Path.Combine(settings.ConfigFolder, HallucinationSettings.FileName), hallucination.JudgeLine, judgeName, judgeProblem);
                }
            }

            var audit = HallucinationAudit.Create(detector, store, hallucination.Correction, TimeProvider.System);
            return new EvaluationRunner(store, new ItemScorer(new CorrectnessJudge(), detector), TimeProvider.System, stage, store, judge, audit);
        });
        services.AddTransient<RunStarter>();
        services.AddTransient<ChunkJob>();
        services.AddTransient<FinalizeRunJob>();
        services.AddTransient<SweepStalledRunsJob>();
        services.AddTransient<PruneHistoryJob>();
        services.AddTransient<InterruptedRuns>();
        services.AddTransient<ScheduledEvaluationJob>();
        services.AddTransient<FoldJob>();
        services.AddTransient<ScheduleRegistrar>();
        services.AddTransient<ProductionImportJob>();
        services.AddTransient<AlertWatchJob>();
        services.AddTransient<SignoffJob>();

        // One pooled client for Prometheus and webhooks (connections renewed so DNS changes are seen).
        services.AddSingleton(_ => new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) }) { Timeout = TimeSpan.FromMinutes(2) });
        services.AddMetrics();
        services.AddSingleton<SloqMetrics>();
        var telemetry = services.AddOpenTelemetry().WithMetrics(m => m.AddMeter(SloqMetrics.MeterName).AddPrometheusExporter());
        if (TraceExport.Enabled(Environment.GetEnvironmentVariable))
        {
            telemetry.WithTracing(t => TraceExport.Configure(t, "sloquality", Environment.GetEnvironmentVariable));
        }

        services.AddHangfire((sp, c) =>
        {
            c.UseFilter(new JobMetricsFilter(sp.GetRequiredService<SloqMetrics>()));
            c.SetDataCompatibilityLevel(CompatibilityLevel.Version_180).UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings();
            if (settings.Storage == ServerSettings.Postgres)
            {
                // Sliding invisibility: a killed worker's chunk is picked up again within the timeout,
                // and a long chunk is never handed to a second worker while the first still runs it.
                c.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(settings.PostgresConnection), new PostgreSqlStorageOptions
                {
                    QueuePollInterval = TimeSpan.FromSeconds(1),
                    UseSlidingInvisibilityTimeout = true,
                    InvisibilityTimeout = TimeSpan.FromSeconds(settings.InvisibilitySeconds),
                    PrepareSchemaIfNecessary = true,
                });
            }
            else
            {
                c.UseInMemoryStorage();
            }
        });
        services.AddHangfireServer(o =>
        {
            o.Queues = [.. settings.Queues];
            o.WorkerCount = settings.Workers;
            o.ServerName = $"{settings.Role}-{Environment.MachineName}-{Environment.ProcessId}";
            o.SchedulePollingInterval = TimeSpan.FromSeconds(2);
        });
    }
}
