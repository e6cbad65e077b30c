using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Google.Protobuf;
using SloQuality.Core.Evaluation;
using SloQuality.Tests.Shared;
using SloQuality.Tests.Shared.Otlp;

namespace SloQuality.Server.Tests;

/// <summary>
/// The service evaluates a run in chunks on Hangfire workers and finishes it in another job: with the
/// standard OTLP variables set, every span of that run still lands in the run's one trace.
/// </summary>
public sealed class ServiceTraceTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("sloq-traces-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task ARunEvaluatedInChunksByHangfireWorkersIsOneTraceWithASpanPerModelCall()
    {
        var datasets = Path.Combine(folder, "datasets");
        Directory.CreateDirectory(datasets);
        File.WriteAllLines(Path.Combine(datasets, "traced.jsonl"), Enumerable.Range(0, 30).Select(i =>
            $"{{\"id\": \"q{i}\", \"input\": \"What is item number {i}?\", \"reference\": \"Item number {i} is a test item.\"}}"));
        using var receiver = OtlpReceiver.Start();
        await using var server = await ServerProcess.StartAsync(new Dictionary<string, string>
        {
            ["SLOQ_STORE"] = Path.Combine(folder, "results.db"),
            ["SLOQ_OUT"] = Path.Combine(folder, "out"),
            ["SLOQ_CONFIG"] = Path.Combine(RepositoryRoot.Path, "jobs"),
            ["SLOQ_DATASETS"] = datasets,
            ["SLOQ_FIRST_RUN"] = "false",
            ["SLOQ_CHUNK_SIZE"] = "10",
            ["SLOQ_WORKERS"] = "2",
            ["SLOQ_DASHBOARD_TOKEN"] = "token-123",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint.ToString(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        });
        using var http = new HttpClient { BaseAddress = server.BaseUri };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "token-123");

        var started = await http.PostAsJsonAsync("/api/runs", new { dataset = "traced", target = "sim-stable" });
        var runId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("run_id").GetString()!;
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while ((await http.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}")).GetProperty("run").GetProperty("status").GetString() != "completed")
        {
            Assert.True(DateTime.UtcNow < deadline, server.Log);
            await Task.Delay(200);
        }

        var traceId = ByteString.CopyFrom(Convert.FromHexString(RunTracing.TraceIdOf(runId).ToHexString()));
        var spans = (await receiver.WaitForAsync(s => s.Count(x => x.Span.TraceId == traceId && x.Span.Name.StartsWith("summarise", StringComparison.Ordinal)) == 1
            && s.Count(x => x.Span.TraceId == traceId && x.Span.Name.StartsWith("chat", StringComparison.Ordinal)) == 30, TimeSpan.FromSeconds(30)))
            .Where(s => s.Span.TraceId == traceId).Select(s => s.Span).ToList();

        Assert.Empty(receiver.Problems);
        var chunks = spans.Where(s => s.Name == "replay traced").ToList();
        Assert.Equal(3, chunks.Count);
        Assert.All(chunks, c => Assert.True(c.ParentSpanId.IsEmpty));
        Assert.Single(spans, s => s.Name == "summarise traced");
        var calls = spans.Where(s => s.Name.StartsWith("chat ", StringComparison.Ordinal)).ToList();
        Assert.Equal(30, calls.Select(c => c.Attributes.Single(a => a.Key == "sloquality.item.id").Value.StringValue).Distinct().Count());
        Assert.All(calls, c => Assert.Contains(chunks, chunk => chunk.SpanId == c.ParentSpanId));
        Assert.All(calls, c => Assert.Contains(c.Attributes, a => a.Key == "gen_ai.request.model" && a.Value.StringValue.Length > 0));
        // Every model call of the service belongs to a run's trace.
        Assert.DoesNotContain(receiver.Spans, s => s.Span.Name.StartsWith("chat ", StringComparison.Ordinal) && s.Span.TraceId != traceId);
    }
}
