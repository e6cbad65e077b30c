namespace SloQuality.Cli.Tests.Commands;

public sealed class ValidateCommandTests : IDisposable
{
    private readonly CliRun cli = new();

    public void Dispose() => cli.Dispose();

    [Fact]
    public async Task TheSampleDatasetsValidate()
    {
        var (exit, stdout, stderr) = await cli.RunAsync("datasets", "validate", SloQuality.Tests.Shared.SampleDatasets.CopyTo(cli.Path("samples")));

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
    public async Task FilesThatCrashedOrHungValidationAreProblemsAndTheFilesAfterThemAreStillChecked()
    {
        var loop = cli.Write("sets/a-loop.yaml", "items:\n  - &self\n    id: a\n    input: q\n    reference: r\n    metadata: *self\n");
        var deep = cli.Write("sets/b-deep.yaml", "items: " + new string('[', 50_000) + new string(']', 50_000) + "\n");
        var pipe = cli.Path("sets", "c-pipe.jsonl");
        System.Diagnostics.Process.Start("mkfifo", pipe)!.WaitForExit();
        var good = cli.Write("sets/z-good.jsonl", """{"id": "a", "input": "q", "reference": "r"}""" + "\n");

        var (exit, stdout, stderr) = await cli.RunAsync("datasets", "validate", cli.Path("sets"));

        Assert.Equal(2, exit);
        Assert.Contains("valid    " + good, stdout);
        Assert.Equal(
            [
                $"{loop}:6: alias '*self' refers to the node that contains it: an alias must point to a node that is complete before it",
                $"{deep}:1: YAML nested deeper than 64 levels, expected at most 64",
                $"{pipe}:0: is a FIFO (named pipe), expected a regular dataset file; not read",
            ],
            stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("1 valid, 3 invalid", stdout);
    }

    [Fact]
    public async Task ValidationStopsBetweenFilesOnceSigtermOrCtrlCHasCancelled()
    {
        for (var i = 0; i < 50; i++)
        {
            cli.Write($"many/set-{i:D2}.jsonl", """{"id": "a", "input": "q", "reference": "r"}""" + "\n");
        }

        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exit = await SloqApp.RunAsync(["datasets", "validate", cli.Path("many")], stdout, stderr, cancelled.Token);

        Assert.Equal(3, exit);
        Assert.Equal("sloq: cancelled", stderr.ToString().Trim());
        Assert.DoesNotContain("valid    ", stdout.ToString());
    }

    [Fact]
    public async Task AMissingPathIsBadInput()
    {
        var (exit, _, stderr) = await cli.RunAsync("datasets", "validate", cli.Path("nowhere.jsonl"));

        Assert.Equal(2, exit);
        Assert.Equal($"{cli.Path("nowhere.jsonl")}:0: no such file or folder", stderr.Trim());
    }
}
