using System.Globalization;
using System.Net.Http.Json;

namespace SloQuality.Simulator.Tests;

public sealed class VllmMetricsTests
{
    [Fact]
    public async Task MetricsCountEveryRequestUnderVllmNamesAndTheExactTtftsMatchTheHistogram()
    {
        await using var host = await SimulatorHost.StartAsync([new SimulatorProfile
        {
            Model = "m",
            Ttft = new LogNormal(2, 6),
            InterToken = new LogNormal(1, 2),
            Errors = new SimulatorProfile.ErrorRates { Http500 = 0.1 },
        }]);
        using var http = new HttpClient();
        for (var i = 0; i < 60; i++)
        {
            using var response = await http.PostAsJsonAsync(new Uri(host.BaseUri + "/chat/completions"), new
            {
                model = "m",
                stream = i % 2 == 0,
                messages = new[] { new { role = "user", content = $"question {i}" } },
            });
            await response.Content.ReadAsStringAsync();
        }

        var text = await http.GetStringAsync(new Uri(host.BaseUri, "/metrics"));
        var lines = text.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')).ToDictionary(l => l[..l.LastIndexOf(' ')], l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
        var answered = lines["vllm:request_success_total{model_name=\"m\",finished_reason=\"stop\"}"];
        var aborted = lines["vllm:request_success_total{model_name=\"m\",finished_reason=\"abort\"}"];

        Assert.Equal(60, answered + aborted);
        Assert.True(aborted > 0);
        Assert.Equal(answered, lines["vllm:time_to_first_token_seconds_count{model_name=\"m\"}"]);
        Assert.Equal(answered, lines["vllm:e2e_request_latency_seconds_count{model_name=\"m\"}"]);
        Assert.Equal(answered, lines["vllm:time_to_first_token_seconds_bucket{model_name=\"m\",le=\"+Inf\"}"]);
        Assert.Equal(answered, host.Metrics.TtftSeconds("m").Count);
        Assert.Equal(host.Metrics.TtftSeconds("m").Sum(), lines["vllm:time_to_first_token_seconds_sum{model_name=\"m\"}"], 9);
        Assert.Contains("# TYPE vllm:time_to_first_token_seconds histogram", text, StringComparison.Ordinal);
    }
}
