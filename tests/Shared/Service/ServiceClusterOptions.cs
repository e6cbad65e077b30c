using SloQuality.Simulator;

namespace SloQuality.Tests.Shared;

/// <summary>How a <see cref="ServiceCluster"/> is set up.</summary>
internal sealed record ServiceClusterOptions
{
    /// <summary>Items in the generated dataset <c>big</c>.</summary>
    public int Items { get; init; } = 2000;

    /// <summary>Worker processes besides the server.</summary>
    public int Workers { get; init; } = 3;

    /// <summary>The simulated model's behaviour (latency, faults); served as target <c>remote</c>.</summary>
    public SimulatorProfile Profile { get; init; } = new() { Model = "remote", Ttft = new LogNormal(50, 90), InterToken = new LogNormal(2, 6) };

    /// <summary>Requests in flight per process for the target.</summary>
    public int TargetConcurrency { get; init; } = 8;

    public int TimeoutSeconds { get; init; } = 30;

    public int ChunkSize { get; init; } = 50;

    public int WorkersPerProcess { get; init; } = 4;

    /// <summary>False keeps the server off the evaluate queue, so only the workers are measured.</summary>
    public bool ServerTakesChunks { get; init; } = true;

    /// <summary>True also serves the simulator as the judge target <c>remote-judge</c>, named in <c>hallucination.yaml</c>.</summary>
    public bool Judged { get; init; }
}
