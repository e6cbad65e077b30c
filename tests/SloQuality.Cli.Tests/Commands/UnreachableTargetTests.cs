using System.Net;
using SloQuality.Tests.Shared;

namespace SloQuality.Cli.Tests.Commands;

/// <summary>Real HTTP against loopback: a port nobody listens on, and a server that refuses every caller or only some.</summary>
public sealed class UnreachableTargetTests : IDisposable
{
    private readonly CliRun cli = new();

    public void Dispose() => cli.Dispose();

    private async Task<(int Exit, string Out, string Err)> EvaluateAgainstAsync(Uri endpoint)
    {
        cli.Write("jobs/targets.yaml", $"""
            targets:
              - name: remote
                provider: openai
                endpoint: {endpoint}v1
                model: m
                retry:
                  max_attempts: 1
            """);
        var dataset = cli.Write("three.jsonl", """
            {"id": "one", "input": "What is the capital of Australia?", "reference": "Canberra is the capital of Australia."}
            {"id": "two", "input": "How many legs does a spider have?", "reference": "A spider has eight legs."}
            {"id": "three", "input": "Which planet is the largest?", "reference": "Jupiter is the largest planet."}
            """);
        return await cli.RunAsync(
            "evaluate", "--dataset", dataset, "--model", "remote", "--config", cli.Path("jobs"), "--out", cli.Path("out"),
            "--store", cli.Path("results.db"), "--no-progress");
    }

    [Fact]
    public async Task ARunWhoseEveryCallIsRefusedExitsThreeWithTheReason()
    {
        var port = ServerProcess.FreePort();

        var (exit, _, stderr) = await EvaluateAgainstAsync(new Uri($"http://user:hunter2@127.0.0.1:{port}/"));

        Assert.Equal(3, exit);
        Assert.Contains("sloq: every request to remote failed: ", stderr);
        Assert.Contains("refused", stderr, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"(http://127.0.0.1:{port}/v1)", stderr);
        Assert.DoesNotContain("hunter2", stderr);
        Assert.True(File.Exists(cli.Path("out", "items.jsonl")), "the failures are still reported");
    }

    [Fact]
    public async Task ARunWhoseEveryCallIsUnauthorisedExitsThree()
    {
        using var server = new LoopbackListener(context =>
        {
            context.Response.StatusCode = (int)HttpStatusCode.Unauthorized;
            return Task.CompletedTask;
        });

        var (exit, _, stderr) = await EvaluateAgainstAsync(server.BaseUri);

        Assert.Equal(3, exit);
        Assert.Contains("sloq: every request to remote failed: HTTP 401 ", stderr);
    }

    [Fact]
    public async Task ARunWithSomeCallsRefusedCountsThemAndExitsZero()
    {
        var calls = 0;
        using var server = new LoopbackListener(async context =>
        {
            if (Interlocked.Increment(ref calls) > 1)
            {
                context.Response.StatusCode = (int)HttpStatusCode.Forbidden;
                return;
            }

            context.Response.ContentType = "application/json";
            var body = """{"id":"c","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"Canberra is the capital of Australia."},"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":7,"total_tokens":12}}"""u8.ToArray();
            await context.Response.OutputStream.WriteAsync(body);
        });

        var (exit, stdout, stderr) = await EvaluateAgainstAsync(server.BaseUri);

        Assert.True(exit == 0, stderr);
        Assert.Contains("2 failed", stdout);
    }
}
