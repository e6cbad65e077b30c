using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using SloQuality.Core.Production;
using SloQuality.Core.Slo;
using SloQuality.Storage.Sqlite;
using SloQuality.Tests.Shared;
using Xunit.Abstractions;

namespace SloQuality.Server.Tests;

public sealed partial class PrometheusTests(PrometheusStack stack, ITestOutputHelper output) : IClassFixture<PrometheusStack>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task ImportedTtftP99IsWithinFivePercentOfTheSimulatorsOwnGroundTruth()
    {
        await stack.TrafficAsync();
        var scraped = await WaitForValueAsync($"sum(vllm:request_success_total{{model_name=\"{PrometheusStack.ProductionModel}\"}})", PrometheusStack.TrafficRequests);
        Assert.Equal(PrometheusStack.TrafficRequests, scraped);

        await using var store = new SqliteResultStore(Path.Combine(stack.Folder, "import.db"));
        await store.InitializeAsync(CancellationToken.None);
        var now = DateTimeOffset.UtcNow;
        var target = new ProductionTarget("prod", PrometheusStack.ProductionModel, new ProductionQueries());
        var import = await new ProductionImporter(stack.Client, store).ImportAsync(target, now.AddMinutes(-10), now, CancellationToken.None);
        var slices = await store.ReadSlicesAsync(now.AddMinutes(-20), now.AddMinutes(10), CancellationToken.None);
        var sum = SliCalculator.Sum(slices, "prod");
        var p99 = new SloDefinition { Name = "ttft", Sli = "ttft_p99", Operator = "<", Target = 1000, Objective = 0.99, Window = new SloWindow(SloWindow.Daily) };
        var reading = SliCalculator.Read(p99, new AvailabilityCounting(), sum);
        var imported = reading.Value!.Value;

        var truth = stack.Simulator.Metrics.TtftSeconds(PrometheusStack.ProductionModel).Order().ToList();
        var exact = truth[(int)Math.Ceiling(0.99 * truth.Count) - 1] * 1000;
        var error = Math.Abs(imported - exact) / exact;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"imported {import.Requests} requests in {import.Slices} slices; TTFT p99 imported {imported:0.0} ms, simulator ground truth {exact:0.0} ms over {truth.Count} answers: {error:P2} apart"));

        Assert.Equal(PrometheusStack.TrafficRequests, sum.Items);
        Assert.Equal(truth.Count, sum.Answered);               // every request that got an answer, counted once
        Assert.Equal(PrometheusStack.TrafficRequests - truth.Count, sum.Unavailable);  // the HTTP 500s
        Assert.True(sum.Unavailable > 0);
        Assert.Equal(truth.Count, sum.Ttft.Count);
        Assert.True(error <= 0.05, $"imported p99 {imported:0.0} ms is {error:P2} from the truth {exact:0.0} ms");
        // Read back from the store, the figure still knows it came from buckets, and its interval holds the truth.
        Assert.NotNull(reading.Bucket);
        Assert.InRange(exact, reading.Low!.Value, reading.High!.Value);

        // Importing the same range again replaces what it wrote: nothing is counted twice.
        await new ProductionImporter(stack.Client, store).ImportAsync(target, now.AddMinutes(-10), now, CancellationToken.None);
        Assert.Equal(PrometheusStack.TrafficRequests, SliCalculator.Sum(await store.ReadSlicesAsync(now.AddMinutes(-20), now.AddMinutes(10), CancellationToken.None), "prod").Items);
    }

    [Fact]
    public async Task InterTokenGapsAreImportedUnderCurrentAndPre011VllmNamesAndAnEmptyQueryIsNamed()
    {
        await stack.TrafficAsync();
        await stack.SendTrafficAsync(40, 4, PrometheusStack.LegacyModel);
        await WaitForValueAsync($"sum(vllm:request_success_total{{model_name=\"{PrometheusStack.LegacyModel}\"}})", 40);
        Assert.Empty(await stack.Client.QueryAsync($"vllm:time_per_output_token_seconds_bucket{{model_name=\"{PrometheusStack.ProductionModel}\"}}", null, CancellationToken.None));
        Assert.Empty(await stack.Client.QueryAsync($"vllm:inter_token_latency_seconds_bucket{{model_name=\"{PrometheusStack.LegacyModel}\"}}", null, CancellationToken.None));

        await using var store = new SqliteResultStore(Path.Combine(stack.Folder, "names.db"));
        await store.InitializeAsync(CancellationToken.None);
        var now = DateTimeOffset.UtcNow;
        var importer = new ProductionImporter(stack.Client, store);
        var current = await importer.ImportAsync(new ProductionTarget("current", PrometheusStack.ProductionModel, new ProductionQueries()), now.AddMinutes(-10), now, CancellationToken.None);
        var legacy = await importer.ImportAsync(new ProductionTarget("legacy", PrometheusStack.LegacyModel, new ProductionQueries()), now.AddMinutes(-10), now, CancellationToken.None);
        var missing = await importer.ImportAsync(new ProductionTarget("missing", "no-such-model", new ProductionQueries()), now.AddMinutes(-10), now, CancellationToken.None);

        var slices = await store.ReadSlicesAsync(now.AddMinutes(-20), now.AddMinutes(10), CancellationToken.None);
        Assert.True(SliCalculator.Sum(slices, "current").InterToken.Count > 0, "no inter-token gaps under vllm:inter_token_latency_seconds");
        Assert.True(SliCalculator.Sum(slices, "legacy").InterToken.Count > 0, "no inter-token gaps under vllm:time_per_output_token_seconds");
        Assert.Empty(current.Empty);
        Assert.Empty(legacy.Empty);
        Assert.Equal(["ttft", "inter_token", "total", "requests", "good"], missing.Empty.Select(e => e.Name));
        Assert.StartsWith("missing: no series for ttft (vllm:time_to_first_token_seconds_bucket{model_name=\"no-such-model\"})", missing.EmptyLine);
    }

    [Fact]
    public async Task TheServersMetricsAreScrapedByPrometheusAsValidExposition()
    {
        var up = await WaitForValueAsync("up{job=\"sloquality\"}", 1);
        var slis = await stack.WaitForAsync("sloq_slo_sli{model_target=\"sim-stable\"}", Patience);
        var replay = await stack.WaitForAsync("sloq_replay_ttft_seconds_count{model_target=\"sim-stable\"}", Patience);

        using var targets = JsonDocument.Parse(await stack.Http.GetStringAsync(new Uri(stack.Prometheus.Url, "/api/v1/targets")));
        var server = targets.RootElement.GetProperty("data").GetProperty("activeTargets").EnumerateArray().Single(t => t.GetProperty("labels").GetProperty("job").GetString() == "sloquality");
        Assert.Equal(1, up);
        Assert.Equal("up", server.GetProperty("health").GetString());
        Assert.Equal(string.Empty, server.GetProperty("lastError").GetString());
        Assert.Contains(slis, s => s.Labels["slo"] == "hallucination-daily" && s.Labels["datasets"] == "*");
        Assert.NotEmpty(replay);
    }

    [Fact]
    public async Task EveryQueryOfTheGrafanaDashboardReturnsData()
    {
        await stack.TrafficAsync();
        await stack.WaitForAsync("sloq_replay_ttft_seconds_count{model_target=\"sim-stable\"}", Patience);
        await stack.WaitForAsync("sloq_slo_burn_rate", Patience);
        await WaitForValueAsync($"sum(vllm:request_success_total{{model_name=\"{PrometheusStack.ProductionModel}\"}})", PrometheusStack.TrafficRequests);

        using var dashboard = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "deploy", "grafana", "dashboards", "sloquality.json")));
        var queries = dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray().Select(t => (Panel: p.GetProperty("title").GetString(), Expr: t.GetProperty("expr").GetString()!)))
            .ToList();
        var empty = new List<string>();
        foreach (var (panel, expr) in queries)
        {
            var query = GrafanaVariable().Replace(expr, m => m.Groups[1].Value switch
            {
                "target" => ".*",
                "__rate_interval" => "1m",
                var other => throw new InvalidOperationException($"the dashboard uses ${other}, which this test does not know"),
            });
            var result = await stack.WaitForAsync(query, TimeSpan.FromSeconds(20));
            output.WriteLine($"{panel}: {query} -> {result.Count} series");
            if (result.Count == 0)
            {
                empty.Add($"{panel}: {query}");
            }
        }

        Assert.True(queries.Count >= 10, $"only {queries.Count} queries found");
        Assert.Empty(empty);
    }

    private async Task<double> WaitForValueAsync(string query, double wanted)
    {
        var deadline = DateTime.UtcNow + Patience;
        double last = double.NaN;
        while (DateTime.UtcNow < deadline)
        {
            var result = await stack.Client.QueryAsync(query, null, CancellationToken.None);
            last = result.Count == 0 ? double.NaN : result[0].Samples[0].Value;
            if (last == wanted)
            {
                return last;
            }

            await Task.Delay(500);
        }

        return last;
    }

    [GeneratedRegex(@"\$\{?(\w+)\}?")]
    private static partial Regex GrafanaVariable();
}
