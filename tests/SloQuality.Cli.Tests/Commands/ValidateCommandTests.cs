namespace SloQuality.Cli.Tests.Commands;

public sealed class ValidateCommandTests : IDisposable
{
    private readonly CliRun cli = new();

    public void Dispose() => cli.Dispose();

    [Fact]
    public async Task TheSampleDatasetsValidate()
    {
        var (exit, stdout, stderr) = await cli.RunAsync("datasets", "validate", Path.Combine(CliRun.RepositoryRoot, "golden-datasets"));

        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, stderr);
        Assert.Contains("3 valid, 0 invalid", stdout);
    }

    [Fact]
    public async Task AFolderWithOneBadFileStillListsTheGoodOnesAndExitsTwo()
    {
        cli.Write("sets/good.jsonl", """{"id": "a", "input": "q", "reference": "r"}""" + "\n");
        var bad = cli.Write("sets/bad.jsonl", """{"id": "a", "input": "q", "reference": "r"}""" + "\n" + """{"id": "a", "input": "q"}""" + "\n");
        cli.Write("sets/notes.txt", "not a dataset");

        var (exit, stdout, stderr) = await cli.RunAsync("datasets", "validate", cli.Path("sets"));

        Assert.Equal(2, exit);
        Assert.Contains("valid    " + cli.Path("sets", "good.jsonl") + " (1 items", stdout);
        Assert.Contains("INVALID  " + bad, stdout);
        Assert.Equal(
            [
                $"{bad}:2: 'reference' is missing: an answerable item without 'assert' needs a reference answer, or a 'context' to be judged against alone",
            ],
            stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("1 valid, 1 invalid", stdout);
    }

    [Fact]
    public async Task AMissingPathIsBadInput()
    {
        var (exit, _, stderr) = await cli.RunAsync("datasets", "validate", cli.Path("nowhere.jsonl"));

        Assert.Equal(2, exit);
        Assert.Equal($"{cli.Path("nowhere.jsonl")}:0: no such file or folder", stderr.Trim());
    }

    [Fact]
    public async Task AnUnknownOptionIsBadInput()
    {
        var (exit, _, stderr) = await cli.RunAsync("evaluate", "--datset", "x");

        Assert.Equal(2, exit);
        Assert.StartsWith("sloq: unknown option --datset; this command takes:", stderr);
    }
}
