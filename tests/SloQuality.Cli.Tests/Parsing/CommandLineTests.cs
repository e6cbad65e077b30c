using System.CommandLine;

namespace SloQuality.Cli.Tests.Parsing;

public sealed class CommandLineTests : IDisposable
{
    private readonly CliRun cli = new();

    public void Dispose() => cli.Dispose();

    /// <summary>Every command that runs (sloq evaluate, sloq slo status, ...), as its words.</summary>
    public static TheoryData<string> LeafCommands()
    {
        var data = new TheoryData<string>();
        foreach (var (path, _) in Leaves(SloqApp.Root(TextWriter.Null, TextWriter.Null), []))
        {
            data.Add(path);
        }

        return data;
    }

    [Fact]
    public async Task SloqAloneAndSloqHelpListEveryCommandAndExitZero()
    {
        var (bare, bareOut, _) = await cli.RunAsync();
        var (help, helpOut, helpErr) = await cli.RunAsync("--help");

        Assert.Equal(0, bare);
        Assert.Equal(0, help);
        Assert.Equal(string.Empty, helpErr);
        Assert.Equal(helpOut, bareOut);
        foreach (var command in new[] { "evaluate", "baseline", "slo", "report", "signoff", "compare", "hitl", "detector", "datasets", "prune", "simulate" })
        {
            Assert.Matches($@"(?m)^  {command}\b.*\S", helpOut);
        }

        Assert.Contains("exit codes: 0 success, 1 verdict against, 2 bad input or configuration, 3 infrastructure failure", helpOut);
    }

    [Theory]
    [MemberData(nameof(LeafCommands))]
    public async Task EveryCommandsHelpDescribesEachOptionWithItsDefaultAndExitsZero(string path)
    {
        var command = Leaves(SloqApp.Root(TextWriter.Null, TextWriter.Null), []).Single(l => l.Path == path).Command;
        var words = path.Split(' ');

        var (exit, stdout, stderr) = await cli.RunAsync([.. words, "--help"]);
        var (shortExit, shortOut, _) = await cli.RunAsync([.. words, "-h"]);

        Assert.Equal(0, exit);
        Assert.Equal(0, shortExit);
        Assert.Equal(string.Empty, stderr);
        Assert.Equal(stdout, shortOut);
        Assert.Contains($"sloq {path}", stdout);
        Assert.False(string.IsNullOrWhiteSpace(command.Description), $"sloq {path} has no description");
        foreach (var option in command.Options.Where(o => o.Name != "--help"))
        {
            Assert.False(string.IsNullOrWhiteSpace(option.Description), $"sloq {path} {option.Name} has no description");
            var line = stdout.Split('\n').SingleOrDefault(l => l.TrimStart().StartsWith(option.Name + " ", StringComparison.Ordinal));
            Assert.True(line is not null, $"sloq {path} --help does not list {option.Name}:\n{stdout}");
            Assert.Contains(option.Description!, line);
            if (option.HasDefaultValue && option is not Option<bool>)
            {
                Assert.Matches(@"\[default: [^\]]+\]", line);
            }
        }
    }

    [Fact]
    public async Task HelpAsAWordIsTheSameAsTheOption()
    {
        var (exit, stdout, _) = await cli.RunAsync("help", "slo", "status");
        var (_, expected, _) = await cli.RunAsync("slo", "status", "--help");

        Assert.Equal(0, exit);
        Assert.Equal(expected, stdout);
    }

    [Theory]
    [InlineData("evalute", "unknown command 'evalute' (did you mean 'evaluate'?)", "run 'sloq --help' for its commands")]
    [InlineData("slo statu", "unknown command 'slo statu' (did you mean 'status'?)", "run 'sloq slo --help' for its commands")]
    [InlineData("hitl", "'sloq hitl' needs a command: sample, import", "run 'sloq hitl --help' for its commands")]
    public async Task AMisspeltOrMissingCommandGetsASuggestionAndExitsTwo(string words, string problem, string hint)
    {
        var (exit, stdout, stderr) = await cli.RunAsync(words.Split(' '));

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.Equal($"sloq: {problem}\n{hint}\n", stderr.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task AMisspeltOptionGetsASuggestionAndEveryMissingRequiredOptionIsReportedAtOnce()
    {
        var (exit, _, stderr) = await cli.RunAsync("evaluate", "--datset", "golden-datasets/factual-qa.jsonl");

        Assert.Equal(2, exit);
        var lines = stderr.ReplaceLineEndings("\n").TrimEnd().Split('\n');
        Assert.Equal("sloq: unknown option '--datset' (did you mean '--dataset'?)", lines[0]);
        Assert.Contains(lines, l => l.Contains("'--dataset' is required", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("'--model' is required", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("'--out' is required", StringComparison.Ordinal));
        Assert.Equal("run 'sloq evaluate --help' for its options", lines[^1]);

        // The misspelt option's value is not reported a second time as a stray argument.
        Assert.DoesNotContain(lines, l => l.Contains("factual-qa", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EveryBadNumberIsReportedAtOnceWithWhatWasExpected()
    {
        var (exit, _, stderr) = await cli.RunAsync("evaluate", "--dataset", "d.jsonl", "--model", "sim-stable", "--out", "o", "--repeat", "0", "--concurrency", "many");

        Assert.Equal(2, exit);
        Assert.Contains("sloq: --repeat must be a whole number from 1 to 100, found \"0\"", stderr);
        Assert.Contains("sloq: --concurrency must be a whole number from 1 to 1024, found \"many\"", stderr);
    }

    [Fact]
    public async Task OptionsAndArgumentsAreReadInAnyOrder()
    {
        var store = cli.Path("results.db");
        var sheet = cli.Path("labels.csv");

        var (exit, _, stderr) = await cli.RunAsync("hitl", "import", "--store", store, sheet);

        // The sheet is read as the file and --store as the store: the complaint is about the sheet.
        Assert.Equal(2, exit);
        Assert.Equal($"sloq: {sheet}: no such file", stderr.Trim());
    }

    [Fact]
    public async Task AStrayArgumentIsNamed()
    {
        var (exit, _, stderr) = await cli.RunAsync("slo", "explain", "--target", "99.9", "30d");

        Assert.Equal(2, exit);
        Assert.StartsWith("sloq: unexpected argument '30d'", stderr);
    }

    [Fact]
    public async Task ADatasetPathMayStartWithAnAtSign()
    {
        // A relative path starting with '@' would be read as a response file of more arguments.
        var name = $"@sloq-{Guid.NewGuid():N}.jsonl";
        File.WriteAllText(name, """{"id": "a", "input": "q", "reference": "r"}""" + "\n");
        try
        {
            var (exit, stdout, stderr) = await cli.RunAsync("datasets", "validate", name);

            Assert.Equal(string.Empty, stderr);
            Assert.Equal(0, exit);
            Assert.Contains("valid    " + name, stdout);
        }
        finally
        {
            File.Delete(name);
        }
    }

    private static IEnumerable<(string Path, Command Command)> Leaves(Command command, IReadOnlyList<string> above)
    {
        foreach (var sub in command.Subcommands)
        {
            var path = above.Append(sub.Name).ToList();
            if (sub.Subcommands.Count == 0)
            {
                yield return (string.Join(' ', path), sub);
            }

            foreach (var leaf in Leaves(sub, path))
            {
                yield return leaf;
            }
        }
    }
}
