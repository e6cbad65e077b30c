using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using SloQuality.Core.Slo;
using SloQuality.Storage.Sqlite;
using SloQuality.Tests.Shared;

namespace SloQuality.Jobs.Tests;

public sealed class NotificationJobsTests : IAsyncLifetime
{
    private readonly string folder = Directory.CreateTempSubdirectory("sloq-notify-").FullName;
    private readonly string suffix = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
    private SqliteResultStore store = null!;

    private string ApiKey => $"sk-test-{suffix}-do-not-leak";

    public async Task InitializeAsync()
    {
        store = new SqliteResultStore(Path.Combine(folder, "results.db"));
        await store.InitializeAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await store.DisposeAsync();
        Environment.SetEnvironmentVariable($"SLOQ_TEST_KEY_{suffix}", null);
        Environment.SetEnvironmentVariable($"SLOQ_TEST_HOOK_{suffix}", null);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task AnAlertAndTheDailySummaryReachTheWebhookOnceEachAfterARetryAndCarryNoApiKey()
    {
        using var receiver = new WebhookReceiver(500);
        var config = Configure(receiver.Url);
        var now = DateTimeOffset.UtcNow;
        // Production traffic of the last hour, 10% of it failing against a 99.9% promise: a page.
        var slices = Enumerable.Range(1, 12).Select(i => new SliceAggregate
        {
            RunId = "prometheus:prod",
            ModelTarget = "prod",
            DatasetName = string.Empty,
            SliceStart = SliceAggregate.Floor(now.AddMinutes(-5 * i)),
            Source = SliceSources.Prometheus,
            Items = 1000,
            Answered = 900,
            Unavailable = 100,
        }).ToList();
        await store.WriteImportedSlicesAsync(slices, CancellationToken.None);
        using var http = new HttpClient();
        var options = new JobsOptions { ConfigFolder = config, OutputFolder = Path.Combine(folder, "out") };
        var watch = new AlertWatchJob(store, store, http, options, TimeProvider.System, NullLogger<AlertWatchJob>.Instance);

        await watch.RunAsync(CancellationToken.None);
        await watch.RunAsync(CancellationToken.None);   // the same state again: nothing new to say
        await new FoldJob(store, store, options, TimeProvider.System, http).RunAsync("daily", CancellationToken.None);

        var bodies = receiver.Bodies;
        Assert.Equal(3, bodies.Count);                  // the alert refused once with a 500, then taken; the summary
        Assert.Equal(bodies[0], bodies[1]);
        var alert = JsonDocument.Parse(bodies[1]).RootElement;
        Assert.Equal("PAGE: availability on prod is burning its error budget (was ok)", alert.GetProperty("text").GetString());
        Assert.StartsWith("SloQuality daily report", JsonDocument.Parse(bodies[2]).RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.All(bodies, b =>
        {
            Assert.DoesNotContain(ApiKey, b, StringComparison.Ordinal);
            Assert.DoesNotContain("secret-token", b, StringComparison.Ordinal);
        });
    }

    private string Configure(Uri hook)
    {
        var config = Path.Combine(folder, "jobs");
        Directory.CreateDirectory(config);
        Environment.SetEnvironmentVariable($"SLOQ_TEST_KEY_{suffix}", ApiKey);
        Environment.SetEnvironmentVariable($"SLOQ_TEST_HOOK_{suffix}", hook.ToString());
        File.WriteAllText(Path.Combine(config, "targets.yaml"), $"targets:\n  - name: prod\n    provider: openai\n    endpoint: https://llm.example.com/v1\n    model: m\n    api_key_env: SLOQ_TEST_KEY_{suffix}\n");
        File.WriteAllText(Path.Combine(config, "slos.yaml"), "slos:\n  - name: availability\n    sli: availability\n    op: \">=\"\n    target: 0.999\n    window: { rolling: 30d }\n");
        File.WriteAllText(Path.Combine(config, "notifications.yaml"), $"webhooks:\n  - name: team\n    url_env: SLOQ_TEST_HOOK_{suffix}\nretries: 2\nfirst_retry_delay: 50ms\n");
        return config;
    }
}
