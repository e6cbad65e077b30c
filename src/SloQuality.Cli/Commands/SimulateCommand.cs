using SloQuality.Simulator;

namespace SloQuality.Cli.Commands;

/// <summary>
/// <c>sloq simulate --profile FILE... [--port 8089] [--listen 127.0.0.1] [--datasets DIR]</c>: a standalone
/// simulator serving one model per profile until Ctrl+C (with vLLM's metrics at /metrics).
/// </summary>
public static class SimulateCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var parsed = Arguments.Parse(args, new HashSet<string> { "port", "profile", "datasets", "listen" }, new HashSet<string>());
        var port = parsed.Integer("port", 8089, 0, 65535);
        var listen = parsed.Values("listen").LastOrDefault() ?? "127.0.0.1";
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

        if (bad || profiles.Count == 0)
        {
            if (profiles.Count == 0 && !bad)
            {
                await stderr.WriteLineAsync("sloq: simulate needs at least one --profile FILE").ConfigureAwait(false);
            }

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
