using SloQuality.Core.Hallucination.Training;

namespace SloQuality.Cli.Tests.Commands;

public sealed class DetectorCommandTests
{
    private static readonly string Examples = Path.Combine(CliRun.RepositoryRoot, "jobs", "detector", "examples.jsonl");

    [Fact]
    public async Task TrainingTwiceOnTheSameDataGivesTheSameModelAndACardNamingTheData()
    {
        using var cli = new CliRun();

        var first = await cli.RunAsync("detector", "train", "--data", Examples, "--out", cli.Path("a.zip"));
        var second = await cli.RunAsync("detector", "train", "--data", Examples, "--out", cli.Path("b.zip"));

        Assert.True(first.Exit == 0, first.Err);
        Assert.True(second.Exit == 0, second.Err);
        var (a, b) = (HallucinationModel.Load(cli.Path("a.zip")), HallucinationModel.Load(cli.Path("b.zip")));
        var probe = Enumerable.Range(0, a.FeatureCount).Select(i => (float)((i * 37 % 11) / 10.0)).ToArray();
        Assert.Equal(a.RawScore(probe), b.RawScore(probe));
        Assert.Equal(a.Calibration.Scaling, b.Calibration.Scaling);
        var card = DetectorModelCard.Load(cli.Path("a.zip"))!;
        Assert.Equal(DetectorModelCard.Sha256(Examples), Assert.Single(card.Data).Sha256);
    }

    [Fact]
    public async Task EvaluatingAModelOnItsOwnTrainingDataIsRefused()
    {
        using var cli = new CliRun();
        await cli.RunAsync("detector", "train", "--data", Examples, "--out", cli.Path("m.zip"));

        var (exit, _, err) = await cli.RunAsync("detector", "evaluate", "--data", Examples, "--model", cli.Path("m.zip"));

        Assert.Equal(2, exit);
        Assert.Contains("the model was trained on this data", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvaluatingOnHeldOutDataGivesEveryRateWithItsInterval()
    {
        using var cli = new CliRun();
        var lines = File.ReadAllLines(Examples);
        var train = cli.Write("train.jsonl", string.Join('\n', lines.Where((_, i) => i % 4 != 0)) + "\n");
        var held = cli.Write("held.jsonl", string.Join('\n', lines.Where((_, i) => i % 4 == 0)) + "\n");
        await cli.RunAsync("detector", "train", "--data", train, "--out", cli.Path("m.zip"));

        var (exit, output, err) = await cli.RunAsync("detector", "evaluate", "--data", held, "--model", cli.Path("m.zip"));

        Assert.True(exit == 0, err);
        Assert.Matches(@"precision \d\.\d{3} \[\d\.\d{3}, \d\.\d{3}\] \(n = \d+\)", output);
        Assert.Matches(@"recall +\d\.\d{3} \[\d\.\d{3}, \d\.\d{3}\] \(n = \d+\)", output);
    }
}
