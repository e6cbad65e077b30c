using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SloQuality.Simulator;

/// <summary>
/// The simulator as a real OpenAI-compatible HTTP server on loopback: <c>/v1/chat/completions</c>,
/// <c>/v1/models</c>, vLLM's metrics at <c>/metrics</c>, the exact TTFTs served at <c>/sim/latencies/MODEL</c>,
/// <c>/sim/flushes</c> (server-side chunk times: every first flush, or all of one response by id), and
/// <c>/sim/answers[?model=M]</c> (every answer, and whether it was made wrong on purpose). Runs standalone
/// (<c>sloq simulate</c>) or in-process for the embedded default and the tests.
/// </summary>
public sealed class SimulatorHost : IAsyncDisposable
{
    private readonly WebApplication app;

    private SimulatorHost(WebApplication app, AnswerBook book, FlushLog flushes, SimulatorStats stats, VllmMetrics metrics, Uri baseUri, AnswerLog answers)
    {
        AnswerLog = answers;
        Metrics = metrics;
        this.app = app;
        Stats = stats;
        Answers = book;
        Flushes = flushes;
        BaseUri = baseUri;
    }

    /// <summary>The OpenAI-compatible base URI, ending in <c>/v1</c>.</summary>
    public Uri BaseUri { get; }

    public AnswerBook Answers { get; }

    public FlushLog Flushes { get; }

    /// <summary>Every answer with whether it was made wrong on purpose (served at <c>/sim/answers</c>).</summary>
    public AnswerLog AnswerLog { get; }

    public SimulatorStats Stats { get; }

    /// <summary>vLLM's metrics of what was served (and the exact TTFTs behind them).</summary>
    public VllmMetrics Metrics { get; }

    /// <summary>Starts a simulator on 127.0.0.1, or the given address (port 0 picks a free port), serving the given profiles.</summary>
    public static async Task<SimulatorHost> StartAsync(IEnumerable<SimulatorProfile> profiles, int port = 0, TimeProvider? time = null, CancellationToken cancellationToken = default, IPAddress? address = null)
    {
        var byModel = profiles.ToDictionary(p => p.Model, StringComparer.Ordinal);
        var book = new AnswerBook();
        book.AddFolders(byModel.Values.SelectMany(p => p.Datasets).Distinct());
        var flushes = new FlushLog();
        var stats = new SimulatorStats();
        var metrics = new VllmMetrics(byModel.Keys, legacyNames: byModel.Values.Where(p => p.LegacyVllmMetricNames).Select(p => p.Model));
        var answers = new AnswerLog();

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(address ?? IPAddress.Loopback, port);
            k.AddServerHeader = false;
            k.Limits.MaxConcurrentConnections = null;
        });
        var app = builder.Build();
        var endpoint = new ChatCompletionEndpoint(byModel, book, flushes, stats, metrics, time ?? TimeProvider.System, answers);
        app.MapPost("/v1/chat/completions", endpoint.HandleAsync);
        app.MapPost("/v1/embeddings", EmbeddingsEndpoint.HandleAsync);
        app.MapGet("/v1/models", () => Results.Json(new
        {
            @object = "list",
            data = byModel.Keys.Select(m => new { id = m, @object = "model", owned_by = "sloquality-simulator" }),
        }));
        app.MapGet("/metrics", () => Results.Text(metrics.Render(), "text/plain; version=0.0.4; charset=utf-8"));
        app.MapGet("/sim/latencies/{model}", (string model) => Results.Json(new { model, ttft_seconds = metrics.TtftSeconds(model) }));
        app.MapGet("/sim/flushes", () => Results.Json(flushes.FirstFlushes()));
        app.MapGet("/sim/answers", (string? model) => Results.Json(answers.For(model)));
        app.MapGet("/sim/flushes/{id}", (string id) => flushes.Get(id) is { } list
            ? Results.Json(new { id, timestamps = list })
            : Results.NotFound());

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var listening = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SimulatorHost(app, book, flushes, stats, metrics, new Uri(listening.TrimEnd('/') + "/v1"), answers);
    }

    /// <summary>Runs until the token is cancelled (the standalone <c>sloq simulate</c>).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }
}
