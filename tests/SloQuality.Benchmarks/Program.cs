using SloQuality.Benchmarks;

// dotnet run -c Release --project tests/SloQuality.Benchmarks -- NAME
// Each benchmark ends with one line "NAME: figures".
switch (args)
{
    case ["serve", var items, var words]:
        await BenchSimulator.ServeAsync(int.Parse(items), int.Parse(words));
        return 0;
    case ["replay-overhead"]:
        Console.WriteLine(await ReplayOverhead.RunAsync());
        return 0;
    case ["ttft-fidelity"]:
        Console.WriteLine(await TtftFidelity.RunAsync());
        return 0;
    case ["sts"]:
        Console.WriteLine(await StsCorrelation.RunAsync());
        return 0;
    case ["embed-throughput"]:
        Console.WriteLine(await EmbedThroughput.RunAsync());
        return 0;
    case ["slo-fold"]:
        Console.WriteLine(await SloFoldBench.RunAsync());
        return 0;
    case ["slo-fold-child", var database]:
        await SloFoldChild.RunAsync(database);
        return 0;
    case ["halluc-truthfulqa"]:
        Console.WriteLine(await HallucinationBench.TruthfulQaAsync());
        return 0;
    case ["halluc-grounding"]:
        Console.WriteLine(await HallucinationBench.GroundingAsync());
        return 0;
    case ["halluc-halueval"]:
        Console.WriteLine(await HallucinationBench.HaluEvalAsync());
        return 0;
    case ["halluc-cross-source", .. var only]:
        Console.WriteLine(await CrossSourceBench.RunAsync(only));
        return 0;
    case ["halluc-speed-long"]:
        Console.WriteLine(await HallucinationBench.SpeedLongAsync());
        return 0;
    case ["halluc-speed"]:
        Console.WriteLine(await HallucinationBench.SpeedAsync());
        return 0;
    case ["scale-out"]:
        Console.WriteLine(await ScaleOut.RunAsync());
        return 0;
    case ["profile"]:
        {
            // Not a benchmark: a steady load of the whole path for a sampling profiler.
            await using var sim = await BenchSimulator.StartAsync(6000, 20);
            var ds = BenchSimulator.Dataset(6000, 20);
            using var ours = Pipeline.Client(sim.BaseUri, BenchSimulator.ZeroLatency, 32);
            await using var p = await Pipeline.StartAsync();
            for (var round = 0; round < 10; round++)
            {
                await p.RunAsync(ds, ours, 32);
            }

            return 0;
        }
    default:
        Console.Error.WriteLine("usage: SloQuality.Benchmarks replay-overhead | ttft-fidelity | sts | embed-throughput | slo-fold | scale-out | halluc-truthfulqa | halluc-grounding | halluc-halueval | halluc-cross-source [SOURCE...] | halluc-speed | halluc-speed-long");
        return 2;
}
