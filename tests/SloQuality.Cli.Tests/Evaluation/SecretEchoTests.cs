using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Data.Sqlite;

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
        using var upstream = EchoingUpstream.Start(style);
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

        Assert.True(upstream.Requests > 0, "the upstream was never called");
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

    /// <summary>A plain HTTP server that refuses every request and quotes its Authorization header back.</summary>
    private sealed class EchoingUpstream : IDisposable
    {
        private readonly HttpListener listener = new();
        private int requests;

        private readonly string style;

        private EchoingUpstream(int port, string style)
        {
            this.style = style;
            BaseUri = new Uri($"http://127.0.0.1:{port}/v1/");
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            listener.Start();
            _ = ServeAsync();
        }

        public Uri BaseUri { get; }

        public int Requests => Volatile.Read(ref requests);

        public static EchoingUpstream Start(string style)
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return new EchoingUpstream(port, style);
        }

        public void Dispose() => listener.Close();

        private async Task ServeAsync()
        {
            while (listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                Interlocked.Increment(ref requests);
                var authorization = context.Request.Headers["Authorization"] ?? string.Empty;
                var message = "Incorrect API key provided: " + authorization + ". Check the key.";
                var body = Encoding.UTF8.GetBytes(style switch
                {
                    "openai" => "{\"error\": {\"message\": \"" + message + "\", \"type\": \"invalid_request_error\", \"code\": \"invalid_api_key\"}}",
                    "message-only" => "{\"error\": {\"message\": \"" + message + "\"}}",
                    "error-string" => "{\"error\": \"" + message + "\"}",
                    "code-only" => "{\"error\": {\"message\": \"" + message + "\", \"code\": \"invalid_api_key\"}}",
                    "sse" => "data: {\"error\": {\"message\": \"" + message + "\", \"type\": \"invalid_request_error\"}}\n\n",
                    _ => message,
                });
                context.Response.StatusCode = style == "sse" ? 200 : 401;
                context.Response.ContentType = style == "plain" ? "text/plain" : style == "sse" ? "text/event-stream" : "application/json";
                await context.Response.OutputStream.WriteAsync(body);
                context.Response.Close();
            }
        }
    }
}
