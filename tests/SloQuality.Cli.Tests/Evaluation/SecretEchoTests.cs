using System.Text;
using Microsoft.Data.Sqlite;
using SloQuality.Tests.Shared;

namespace SloQuality.Cli.Tests.Evaluation;

/// <summary>
/// An upstream that echoes the Authorization header in its error, in every error shape we know of
/// (OpenAI's, message only, code only, a bare string, plain text, an error event in a 200 stream): the
/// key reaches neither items.jsonl, the reports, the console, nor the store (which the API serves to
/// read-only users).
/// </summary>
public sealed class SecretEchoTests : IDisposable
{
    private readonly CliRun cli = new();
    private readonly string variable = "SLOQ_TEST_ECHO_KEY_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
    private readonly string key = "sk-test-" + Guid.NewGuid().ToString("N");

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(variable, null);
        cli.Dispose();
    }

    [Theory]
    [InlineData("openai")]
    [InlineData("message-only")]
    [InlineData("plain")]
    [InlineData("error-string")]
    [InlineData("code-only")]
    [InlineData("sse")]
    public async Task AKeyEchoedByTheUpstreamIsStoredAndReportedAsRedacted(string style)
    {
        Environment.SetEnvironmentVariable(variable, key);
        using var upstream = EchoingUpstream(style);
        var config = cli.Path("config");
        cli.Write(Path.Combine("config", "targets.yaml"), $"""
            targets:
              - name: echo
                provider: openai
                endpoint: {upstream.BaseUri}
                model: gpt-test
                api_key_env: {variable}
                retry: {"{ max_attempts: 1 }"}
            """ + "\n");
        File.Copy(CliRun.Repo("jobs", "slos.yaml"), Path.Combine(config, "slos.yaml"));
        var dataset = cli.Write("set.jsonl", "{\"id\": \"a\", \"input\": \"q\", \"reference\": \"r\"}\n{\"id\": \"b\", \"input\": \"q2\", \"reference\": \"r2\"}\n");

        var (_, stdout, stderr) = await cli.RunAsync("evaluate", "--dataset", dataset, "--model", "echo", "--config", config,
            "--out", cli.Path("out"), "--store", cli.Path("results.db"), "--no-progress");

        Assert.True(upstream.Requests.Count > 0, "the upstream was never called");
        var items = File.ReadAllText(cli.Path("out", "items.jsonl"));
        Assert.Contains("\"error_kind\":", items);
        SqliteConnection.ClearAllPools();
        var kept = new Dictionary<string, string>
        {
            ["items.jsonl"] = items,
            ["report.html"] = File.ReadAllText(cli.Path("out", "report.html")),
            ["report.md"] = File.ReadAllText(cli.Path("out", "report.md")),
            ["summary.json"] = File.ReadAllText(cli.Path("out", "summary.json")),
            ["the store"] = Encoding.Latin1.GetString(File.ReadAllBytes(cli.Path("results.db"))),
            ["stdout"] = stdout,
            ["stderr"] = stderr,
        };
        Assert.All(kept, k => Assert.False(k.Value.Contains(key, StringComparison.Ordinal), $"the key is in {k.Key}"));
    }

    /// <summary>Refuses every request and quotes its Authorization header back, in the given error shape.</summary>
    private static ScriptedUpstream EchoingUpstream(string style) => ScriptedUpstream.Start(request =>
    {
        var message = "Incorrect API key provided: " + request.Authorization + ". Check the key.";
        var body = style switch
        {
            "openai" => "{\"error\": {\"message\": \"" + message + "\", \"type\": \"invalid_request_error\", \"code\": \"invalid_api_key\"}}",
            "message-only" => "{\"error\": {\"message\": \"" + message + "\"}}",
            "error-string" => "{\"error\": \"" + message + "\"}",
            "code-only" => "{\"error\": {\"message\": \"" + message + "\", \"code\": \"invalid_api_key\"}}",
            "sse" => "data: {\"error\": {\"message\": \"" + message + "\", \"type\": \"invalid_request_error\"}}\n\n",
            _ => message,
        };
        return new ScriptedUpstream.Answer(style == "sse" ? 200 : 401, style == "plain" ? "text/plain" : style == "sse" ? "text/event-stream" : "application/json", [body]);
    });
}
