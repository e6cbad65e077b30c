using System.CommandLine;
using SloQuality.Cli.Parsing;
using SloQuality.Simulator;

namespace SloQuality.Cli.Commands;

/// <summary>
/// <c>sloq simulate --profile FILE... [--port 8089] [--listen 127.0.0.1] [--datasets DIR]</c>: a standalone
/// simulator serving one model per profile until Ctrl+C (with vLLM's metrics at /metrics).
/// </summary>
public static class SimulateCommand
{
    public static Command Definition(TextWriter stdout, TextWriter stderr) => CommandSymbols.Leaf(
        "simulate",
        "Serves simulated models over an OpenAI-compatible API (with vLLM's metrics at /metrics) until stopped.",
        [
            CommandSymbols.Many("profile", "FILE", "a simulator profile (jobs/simulator/*.yaml), one model each (repeatable)", required: true),
            CommandSymbols.Integer("port", "the port to listen on (0 picks a free one)", 0, 65535, defaultValue: 8089),
            CommandSymbols.Value("listen", "ADDRESS", "the IP address to listen on (0.0.0.0 for every interface)", "127.0.0.1"),
            CommandSymbols.Many("datasets", "DIR", "more dataset folders whose answers the models know (repeatable)"),
        ],
        (parsed, cancellationToken) => RunAsync(parsed, stdout, stderr, cancellationToken));

    public static async Task<int> RunAsync(Arguments parsed, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var port = parsed.Integer("port", 8089, 0, 65535);
        var listen = parsed.Value("listen") ?? "127.0.0.1";
        if (!System.Net.IPAddress.TryParse(listen, out var address))
        {
            await stderr.WriteLineAsync($"sloq: simulate --listen '{listen}' is not an IP address, expected for example 127.0.0.1 or 0.0.0.0").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        var profiles = new List<SimulatorProfile>();
        var bad = false;
        foreach (var file in parsed.Values("profile"))
        {
            var (profile, problems) = SimulatorProfileLoader.Load(file);
            foreach (var problem in problems)
            {
                await stderr.WriteLineAsync(problem.ToString()).ConfigureAwait(false);
            }

            bad |= profile is null;
            if (profile is not null)
            {
                profiles.Add(profile with { Datasets = [.. profile.Datasets, .. parsed.Values("datasets").Select(Path.GetFullPath)] });
            }
        }

        if (bad)
        {
            return ExitCodes.BadInput;
        }

        await using var host = await SimulatorHost.StartAsync(profiles, port, cancellationToken: cancellationToken, address: address).ConfigureAwait(false);
        await stdout.WriteLineAsync($"simulator listening on {host.BaseUri} serving {string.Join(", ", profiles.Select(p => p.Model))} ({host.Answers.Count} golden prompts known); Ctrl+C stops it").ConfigureAwait(false);
        await stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        return ExitCodes.Success;
    }
}
