using SloQuality.Core.Configuration;
using SloQuality.Core.Datasets;
using SloQuality.Inference.OpenAi;
using SloQuality.Simulator;

namespace SloQuality.Inference.Tests;

/// <summary>An in-process simulator serving one profile, and a Semantic Kernel client pointed at it over real HTTP.</summary>
internal sealed class SimulatedModel : IAsyncDisposable
{
    public static readonly GoldenItem Item = new()
    {
        Id = "refund",
        Input = [new ChatMessage("user", "How long do refunds take?")],
        Reference = ["Refunds reach your card within 5 to 7 business days of the return."],
    };

    private SimulatedModel(SimulatorHost host, SemanticKernelModelClient client)
    {
        Host = host;
        Client = client;
    }

    public SimulatorHost Host { get; }

    public SemanticKernelModelClient Client { get; }

    public static async Task<SimulatedModel> StartAsync(SimulatorProfile profile, ModelTarget? target = null, TimeProvider? clientTime = null)
    {
        var host = await SimulatorHost.StartAsync([profile]);
        host.Answers.Add(new GoldenDataset("set", "set.jsonl", string.Empty, [Item], "hash"));
        target ??= Target();
        var client = new SemanticKernelModelClient(target with { Model = profile.Model }, host.BaseUri, apiKey: null, clientTime);
        return new SimulatedModel(host, client);
    }

    public static ModelTarget Target(int attempts = 1, double timeoutSeconds = 10, int concurrency = 8) => new()
    {
        Name = "sim",
        Provider = ModelTarget.Simulator,
        Concurrency = concurrency,
        Timeout = TimeSpan.FromSeconds(timeoutSeconds),
        Retry = new ModelTarget.RetrySettings(attempts, BaseDelaySeconds: 0, MaxDelaySeconds: 30),
    };

    public static SimulatorProfile Profile(SimulatorProfile.ErrorRates? errors = null, double length = 0, double contentFilter = 0) => new()
    {
        Model = "sim-test",
        Ttft = new LogNormal(0, 0),
        InterToken = new LogNormal(0, 0),
        Errors = errors ?? new SimulatorProfile.ErrorRates(),
        LengthRate = length,
        ContentFilterRate = contentFilter,
    };

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
    }
}
