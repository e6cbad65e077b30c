namespace SloQuality.Simulator.Tests;

public sealed class SimulatorProfileLoaderTests : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"sloq-profile-{Guid.NewGuid():N}.yaml");

    public void Dispose() => File.Delete(path);

    [Fact]
    public void AProfileLoadsWithItsDistributionsAndRates()
    {
        File.WriteAllText(path, """
            model: sim-x
            seed: 4
            datasets: data
            latency:
              ttft_ms: { median: 100, p99: 400 }
              inter_token_ms: { median: 5, p99: 20 }
              words_per_chunk: 2
            errors: { http_429: 0.1, retry_after_seconds: 3, stream_cut: 0.05 }
            finish: { length: 0.01 }
            answers: { hallucination: 0.02, paraphrase: 0.1 }
            """);

        var (profile, problems) = SimulatorProfileLoader.Load(path);

        Assert.Empty(problems);
        Assert.Equal("sim-x", profile!.Model);
        Assert.Equal(new LogNormal(100, 400), profile.Ttft);
        Assert.Equal(2, profile.WordsPerChunk);
        Assert.Equal(0.1, profile.Errors.Http429);
        Assert.Equal(3, profile.Errors.RetryAfterSeconds);
        Assert.Equal(Path.Combine(Path.GetDirectoryName(path)!, "data"), profile.Datasets.Single());
    }

    [Fact]
    public void EveryProblemIsReportedAtItsLine()
    {
        File.WriteAllText(path, "model: m\nlatency:\n  ttft_ms: { median: 300, p99: 100 }\nerrors:\n  http_500: 1.5\n  flaky: 0.1\n");

        var (profile, problems) = SimulatorProfileLoader.Load(path);

        Assert.Null(profile);
        Assert.Equal(
            [
                $"{path}:6: unknown field 'errors.flaky', expected one of: http_500, http_503, http_429, retry_after_seconds, hang, hang_seconds, connection_reset, stream_cut",
                $"{path}:3: 'ttft_ms.p99' (100) must not be below the median (300)",
                $"{path}:5: 'http_500' is 1.5, expected a number from 0 to 1",
            ],
            problems.Select(p => p.ToString()));
    }

    [Fact]
    public void TheShippedProfilesAreValid()
    {
        var jobs = Path.Combine(SloQuality.Tests.Shared.RepositoryRoot.Path, "jobs", "simulator");
        foreach (var file in Directory.GetFiles(jobs, "*.yaml"))
        {
            var (profile, problems) = SimulatorProfileLoader.Load(file);
            Assert.True(profile is not null, string.Join("\n", problems));
        }
    }
}
