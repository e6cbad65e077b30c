namespace SloQuality.Cli.Tests.Commands;

/// <summary>What a prune keeps and deletes is the store's (RetentionStoreTests); here, the command around it.</summary>
public sealed class PruneCommandTests : IDisposable
{
    private readonly CliRun cli = new();

    public void Dispose() => cli.Dispose();

    [Fact]
    public async Task APruneSaysWhatItRemovedAndWhatItKept()
    {
        var (exit, stdout, stderr) = await cli.RunAsync("prune", "--days", "30", "--store", cli.Path("results.db"), "--runs", cli.Path("out", "runs"));

        Assert.Equal(string.Empty, stderr);
        Assert.Equal(0, exit);
        Assert.Matches(@"^pruned history before \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ: 0 item rows of 0 runs, 0 embeddings, 0 run plans, 0 report folders \(summaries, slices, SLO evaluations, baselines, labels and sign-offs kept\)", stdout);
    }

    [Theory]
    [InlineData("3", "sloq: --days '3' must be a whole number of days from 7 to 36500")]
    [InlineData("a year", "sloq: --days 'a year' must be a whole number of days from 7 to 36500")]
    public async Task ARetentionUnderAWeekOrNotANumberIsRefused(string days, string expected)
    {
        var (exit, _, stderr) = await cli.RunAsync("prune", "--days", days, "--store", cli.Path("results.db"));

        Assert.Equal(2, exit);
        Assert.StartsWith(expected, stderr);
        Assert.False(File.Exists(cli.Path("results.db")));
    }
}
