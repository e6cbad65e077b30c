using System.Net.Http.Json;
using SloQuality.Core.Production;
using SloQuality.Simulator;
using SloQuality.Tests.Shared;

namespace SloQuality.Server.Tests;

/// <summary>
/// The ecosystem as a user runs it, on loopback: the simulator standing in for a vLLM server (with its
/// vLLM metrics), the SloQuality server (Production mode, a bearer token, its first run against its own
/// in-process simulator), and Debian's Prometheus scraping both every second with the token.
/// </summary>
public sealed class PrometheusStack : IAsyncLifetime
{
    public const string ProductionModel = "vllm-prod";

    /// <summary>A model served under vLLM's pre-0.11 metric names.</summary>
    public const string LegacyModel = "vllm-legacy";
    public const string Token = "scrape-token-4711";

    public const int TrafficRequests = 2000;

    private readonly string folder = Directory.CreateTempSubdirectory("sloq-prom-stack-").FullName;
    private Task? traffic;

    public SimulatorHost Simulator { get; private set; } = null!;

    internal ServerProcess Server { get; private set; } = null!;

    internal PrometheusProcess Prometheus { get; private set; } = null!;

    public string Folder => folder;

    public PrometheusClient Client { get; private set; } = null!;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public async Task InitializeAsync()
    {
        Simulator = await SimulatorHost.StartAsync([new SimulatorProfile
        {
            Model = ProductionModel,
            Ttft = new LogNormal(60, 240),
            InterToken = new LogNormal(4, 12),
            WordsPerChunk = 2,
            Errors = new SimulatorProfile.ErrorRates { Http500 = 0.02 },
        }, new SimulatorProfile
        {
            Model = LegacyModel,
            Ttft = new LogNormal(20, 40),
            InterToken = new LogNormal(2, 4),
            LegacyVllmMetricNames = true,
        }]);
        Server = await ServerProcess.StartAsync(new Dictionary<string, string>
        {
            ["SLOQ_STORE"] = Path.Combine(folder, "results.db"),
            ["SLOQ_OUT"] = Path.Combine(folder, "out"),
            ["SLOQ_CONFIG"] = Path.Combine(RepositoryRoot.Path, "jobs"),
            ["SLOQ_DATASETS"] = Path.Combine(RepositoryRoot.Path, "golden-datasets"),
            ["SLOQ_FIRST_RUN"] = "true",
            ["SLOQ_DASHBOARD_TOKEN"] = Token,
            ["SLOQ_METRICS_REFRESH_SECONDS"] = "2",
        });
        Prometheus = await PrometheusProcess.StartAsync($$"""
            global:
              scrape_interval: 1s
            scrape_configs:
              - job_name: sloquality
                authorization: { type: Bearer, credentials: {{Token}} }
                static_configs: [{ targets: ["{{Server.BaseUri!.Authority}}"] }]
              - job_name: vllm
                static_configs: [{ targets: ["{{Simulator.BaseUri.Authority}}"] }]
            """);
        Client = new PrometheusClient(Http, Prometheus.Url);
    }

    /// <summary>Production traffic: streamed chat completions straight to the simulator, several at a time.</summary>
    public async Task SendTrafficAsync(int requests, int concurrency, string model = ProductionModel)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= requests)
            {
                using var response = await http.PostAsJsonAsync(new Uri(Simulator.BaseUri + "/chat/completions"), new
                {
                    model,
                    stream = true,
                    messages = new[] { new { role = "user", content = $"question {next}: what is the capital of France?" } },
                });
                await response.Content.ReadAsStringAsync();
            }
        }));
    }

    /// <summary>Waits until an instant query returns at least one series (Prometheus scrapes every second).</summary>
    public async Task<IReadOnlyList<PrometheusSeries>> WaitForAsync(string query, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        IReadOnlyList<PrometheusSeries> result = [];
        while (DateTime.UtcNow < deadline)
        {
            result = await Client.QueryAsync(query, null, CancellationToken.None);
            if (result.Count > 0)
            {
                return result;
            }

            await Task.Delay(500);
        }

        return result;
    }

    /// <summary>The traffic every test of the stack reads: 2,000 requests, sent once (2% of them answered with HTTP 500).</summary>
    public Task TrafficAsync()
    {
        lock (folder)
        {
            return traffic ??= SendTrafficAsync(TrafficRequests, 40);
        }
    }

    public async Task DisposeAsync()
    {
        if (Prometheus is not null)
        {
            await Prometheus.DisposeAsync();
        }

        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        if (Simulator is not null)
        {
            await Simulator.DisposeAsync();
        }

        Http.Dispose();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
