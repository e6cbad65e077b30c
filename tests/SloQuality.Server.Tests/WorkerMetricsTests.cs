using System.Net;
using SloQuality.Tests.Shared;

namespace SloQuality.Server.Tests;

public sealed class WorkerMetricsTests
{
    [Fact]
    public async Task AWorkerServesItsOwnMetricsWhereItIsToldAndNothingElse()
    {
        var folder = Directory.CreateTempSubdirectory("sloq-worker-metrics-").FullName;
        var port = ServerProcess.FreePort();
        await using (var worker = await ServerProcess.StartAsync(
            new Dictionary<string, string>
            {
                ["SLOQ_STORE"] = Path.Combine(folder, "results.db"),
                ["SLOQ_OUT"] = Path.Combine(folder, "out"),
                ["SLOQ_CONFIG"] = Path.Combine(RepositoryRoot.Path, "jobs"),
                ["SLOQ_METRICS_URLS"] = $"http://127.0.0.1:{port}",
                ["SLOQ_METRICS_ANONYMOUS"] = "true",
            },
            role: "worker"))
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            HttpResponseMessage? metrics = null;
            for (var i = 0; i < 120 && metrics is null; i++)
            {
                try
                {
                    metrics = await http.GetAsync("/metrics");
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(500);
                }
            }

            Assert.True(metrics is not null, worker.Log);
            Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
            Assert.Contains("target_info", await metrics.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/hangfire")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/runs")).StatusCode);
        }

        Directory.Delete(folder, recursive: true);
    }
}
