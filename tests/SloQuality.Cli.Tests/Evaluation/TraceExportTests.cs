using System.Text.Json;
using Google.Protobuf;
using SloQuality.Core.Evaluation;
using SloQuality.Tests.Shared;
using SloQuality.Tests.Shared.Otlp;

namespace SloQuality.Cli.Tests.Evaluation;

/// <summary>
/// A real <c>sloq evaluate</c> process with the standard OTLP variables set exports its run as one
/// trace over OTLP/HTTP, which a receiver decodes with protobuf: each model call a client span with
/// the GenAI semantic conventions.
/// </summary>
public sealed class TraceExportTests : IDisposable
{
    private readonly CliRun cli = new();

    public void Dispose() => cli.Dispose();

    private static ScriptedUpstream.Answer Answer(ScriptedUpstream.Request request) => request.Body.Contains("Broken", StringComparison.Ordinal)
        ? new ScriptedUpstream.Answer(500, "application/json", ["{\"error\":{\"message\":\"overloaded\"}}"])
        : new ScriptedUpstream.Answer(200, "text/event-stream",
        [
            ScriptedUpstream.Chunk("""[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]"""),
            ScriptedUpstream.Pause(40),
            ScriptedUpstream.Chunk("""[{"index":0,"delta":{"content":"Canberra"},"finish_reason":null}]"""),
            ScriptedUpstream.Chunk("""[{"index":0,"delta":{},"finish_reason":"stop"}]"""),
            ScriptedUpstream.Chunk("[]", ",\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":3,\"total_tokens\":15}"),
            "data: [DONE]\n\n",
        ]);

    private static Dictionary<string, AnyValue> Attributes(Span span) => span.Attributes.ToDictionary(a => a.Key, a => a.Value);

    [Fact]
    public async Task ARunIsOneTraceAndEachModelCallAGenAiClientSpanExportedOverOtlpHttp()
    {
        using var upstream = ScriptedUpstream.Start(Answer);
        using var receiver = OtlpReceiver.Start();
        cli.Write(Path.Combine("config", "targets.yaml"), $"""
            targets:
              - name: upstream
                provider: openai
                endpoint: {upstream.BaseUri}
                model: m
                parameters: {"{ temperature: 0 }"}
                concurrency: 2
                retry: {"{ max_attempts: 1 }"}
            """ + "\n");
        var dataset = cli.Write("capitals.jsonl", string.Concat(Enumerable.Range(0, 5).Select(i => $"{{\"id\": \"q{i}\", \"input\": \"Capital {i}?\", \"reference\": \"Canberra\"}}\n"))
            + "{\"id\": \"broken\", \"input\": \"Broken?\", \"reference\": \"Canberra\"}\n");

        var (exit, output, errors) = await CliRun.RunProcessAsync(
            new Dictionary<string, string> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint.ToString(), ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf" },
            "evaluate", "--dataset", dataset, "--model", "upstream", "--config", cli.Path("config"), "--out", cli.Path("out"), "--store", cli.Path("results.db"), "--no-progress");

        Assert.True(exit == 0, output + errors);
        // The provider is flushed when the process exits: everything is there already.
        var spans = receiver.Spans;
        Assert.Empty(receiver.Problems);
        var runId = JsonDocument.Parse(File.ReadAllText(cli.Path("out", "summary.json"))).RootElement.GetProperty("run_id").GetString()!;
        var traceId = ByteString.CopyFrom(Convert.FromHexString(RunTracing.TraceIdOf(runId).ToHexString()));
        Assert.All(spans, s => Assert.Equal(traceId, s.Span.TraceId));
        Assert.All(spans, s => Assert.Equal("SloQuality", s.Scope.Name));
        Assert.All(spans, s => Assert.Contains(s.Resource.Attributes, a => a.Key == "service.name" && a.Value.StringValue == "sloq"));

        var root = Assert.Single(spans, s => s.Span.ParentSpanId.IsEmpty).Span;
        Assert.Equal("evaluate capitals", root.Name);
        Assert.Equal(runId, Attributes(root)["sloquality.run.id"].StringValue);
        var replay = Assert.Single(spans, s => s.Span.Name == "replay capitals").Span;
        Assert.Equal(root.SpanId, replay.ParentSpanId);
        Assert.Equal(root.SpanId, Assert.Single(spans, s => s.Span.Name == "summarise capitals").Span.ParentSpanId);

        var calls = spans.Where(s => s.Span.Name == "chat m").Select(s => s.Span).ToList();
        Assert.Equal(6, calls.Count);
        var ttfts = File.ReadLines(cli.Path("out", "items.jsonl")).Select(l => JsonDocument.Parse(l).RootElement)
            .ToDictionary(i => i.GetProperty("id").GetString()!, i => i.GetProperty("ttft_ms"));
        foreach (var call in calls)
        {
            var tags = Attributes(call);
            Assert.Equal(Span.Types.SpanKind.Client, call.Kind);
            Assert.Equal(replay.SpanId, call.ParentSpanId);
            Assert.True(call.EndTimeUnixNano > call.StartTimeUnixNano);
            Assert.Equal("chat", tags["gen_ai.operation.name"].StringValue);
            Assert.Equal("openai", tags["gen_ai.provider.name"].StringValue);
            Assert.Equal("m", tags["gen_ai.request.model"].StringValue);
            Assert.Equal(0, tags["gen_ai.request.temperature"].DoubleValue);
            Assert.Equal("127.0.0.1", tags["server.address"].StringValue);
            Assert.Equal(upstream.BaseUri.Port, tags["server.port"].IntValue);
            var item = tags["sloquality.item.id"].StringValue;
            if (item == "broken")
            {
                Assert.Equal(Status.Types.StatusCode.Error, call.Status.Code);
                Assert.Equal("http_error", tags["error.type"].StringValue);
                continue;
            }

            Assert.Equal(12, tags["gen_ai.usage.input_tokens"].IntValue);
            Assert.Equal(3, tags["gen_ai.usage.output_tokens"].IntValue);
            Assert.Equal(["stop"], tags["gen_ai.response.finish_reasons"].ArrayValue.Values.Select(v => v.StringValue));
            // The same first-chunk time the item was measured with, in seconds. The item keeps it in whole
            // microseconds, so they differ by up to half of one (rounding both to 6 places flipped at .5).
            Assert.Equal(ttfts[item].GetDouble() / 1000, tags["gen_ai.response.time_to_first_chunk"].DoubleValue, tolerance: 1e-6);
            Assert.True(tags["gen_ai.response.time_to_first_chunk"].DoubleValue >= 0.035);
        }

        Assert.Equal(["broken", "q0", "q1", "q2", "q3", "q4"], calls.Select(c => Attributes(c)["sloquality.item.id"].StringValue).Order(StringComparer.Ordinal));
        // Prompts and answers stay out of the trace.
        Assert.DoesNotContain(spans.SelectMany(s => s.Span.Attributes), a => a.Value.StringValue.Contains("Capital", StringComparison.Ordinal) || a.Value.StringValue.Contains("Canberra", StringComparison.Ordinal));
    }

    [Fact]
    public void TracesAreExportedOnlyWhenTheStandardVariablesAskForThem()
    {
        Assert.False(Inference.Telemetry.TraceExport.Enabled(_ => null));
        Assert.False(Inference.Telemetry.TraceExport.Enabled(name => name == "OTEL_EXPORTER_OTLP_PROTOCOL" ? "http/protobuf" : null));
        Assert.True(Inference.Telemetry.TraceExport.Enabled(name => name == "OTEL_EXPORTER_OTLP_ENDPOINT" ? "http://collector:4318" : null));
        Assert.True(Inference.Telemetry.TraceExport.Enabled(name => name == "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT" ? "http://collector:4318/v1/traces" : null));
    }
}
