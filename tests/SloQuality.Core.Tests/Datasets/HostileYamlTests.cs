using System.Text;
using SloQuality.Core.Datasets;

namespace SloQuality.Core.Tests.Datasets;

/// <summary>A few hundred hostile bytes of YAML are a problem at their line, not a crash or a memory blow-up.</summary>
public sealed class HostileYamlTests : IDisposable
{
    private const long AllocationBound = 64L * 1024 * 1024;
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void AnAliasThatContainsItselfIsAProblemNotAStackOverflow()
    {
        var path = folder.Write("self.yaml", "items:\n  - &loop\n    id: a\n    input: q\n    reference: r\n    metadata: *loop\n");

        var problems = LoadBounded(path);

        Assert.Equal([$"{path}:6: alias '*loop' refers to the node that contains it: an alias must point to a node that is complete before it"], problems);
    }

    [Fact]
    public void ABillionLaughsFileIsAProblemAtTheAliasThatBreaksTheBudget()
    {
        var yaml = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var level = 1; level <= 9; level++)
        {
            yaml.Append($"a{level}: &a{level} [{string.Join(", ", Enumerable.Repeat($"*a{level - 1}", 10))}]\n");
        }

        yaml.Append("items:\n  - id: x\n    input: q\n    reference: r\n    metadata: *a9\n");
        var path = folder.Write("laughs.yaml", yaml.ToString());

        var problems = LoadBounded(path);

        Assert.Single(problems);
        Assert.Matches(@":5: aliases expand to more than 100,000 nodes, expected at most 100,000 \(is this an alias bomb\?\)$", problems[0]);
    }

    [Fact]
    public void FiftyThousandNestedBracketsAreAProblemAtTheLevelThatIsTooDeep()
    {
        var path = folder.Write("deep.yaml", "items:\n  - id: a\n    input: q\n    reference: r\n    metadata: " + new string('[', 50_000) + new string(']', 50_000) + "\n");

        var problems = LoadBounded(path);

        Assert.Equal([$"{path}:5: YAML nested deeper than 64 levels, expected at most 64"], problems);
    }

    [Fact]
    public void AnAliasUsedOnceForEveryItemStaysWithinTheBudget()
    {
        var yaml = new StringBuilder("defaults:\n  context: &policy [Refunds take 5 days., Opened lamps carry a fee.]\nitems:\n");
        for (var i = 0; i < 2_000; i++)
        {
            yaml.Append($"  - id: q{i}\n    input: How long do refunds take?\n    reference: 5 days\n    context: *policy\n");
        }

        var result = GoldenDatasetLoader.Load(folder.Write("shared.yaml", yaml.ToString()));

        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        Assert.Equal(2_000, result.Dataset!.Items.Count);
    }

    [Fact]
    public void AnAliasToAnAnchorThatDoesNotExistIsAProblem()
    {
        var path = folder.Write("missing.yaml", "items:\n  - id: a\n    input: *nowhere\n    reference: r\n");

        Assert.Equal([$"{path}:3: alias '*nowhere' has no anchor '&nowhere' before it in this document"], LoadBounded(path));
    }

    [Fact]
    public void ADuplicateKeyIsAProblemAtItsSecondUse()
    {
        var path = folder.Write("dup.yaml", "items:\n  - id: a\n    input: q\n    reference: r\n    input: other\n");

        Assert.Equal([$"{path}:5: duplicate key 'input', first used at line 3: each key may appear once in a mapping"], LoadBounded(path));
    }

    [Theory]
    [InlineData("weight: 1e999", "the number 1e999 is outside the range of a double, expected a finite number")]
    [InlineData("weight: -1e999", "the number -1e999 is outside the range of a double, expected a finite number")]
    public void AValueNoDoubleOrUtf8WriterCanHoldIsAProblemAtItsLine(string field, string message)
    {
        var path = folder.Write("values.yaml", $"items:\n  - id: a\n    input: q\n    reference: r\n    assert:\n      - type: contains\n        value: r\n        {field}\n");

        Assert.Equal($"{path}:8: {message}", Assert.Single(LoadBounded(path)));
    }

    [Fact]
    public void ALoneSurrogateEscapeIsAProblemAtItsLine()
    {
        var path = folder.Write("surrogate.yaml", "items:\n  - id: a\n    input: \"q \\ud800 q\"\n    reference: r\n");

        var problem = Assert.Single(LoadBounded(path));

        Assert.StartsWith($"{path}:3: invalid YAML: ", problem);
    }

    /// <summary>Loads on a worker thread so a hang fails the test instead of the run, and bounds what it allocates.</summary>
    private static List<string> LoadBounded(string path)
    {
        long allocated = 0;
        List<string> problems = [];
        var worker = new Thread(() =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            problems = GoldenDatasetLoader.Load(path).Problems.Select(p => p.ToString()).ToList();
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        });
        worker.Start();
        Assert.True(worker.Join(TimeSpan.FromSeconds(30)), $"loading {path} did not finish (hang guard, not a speed check)");
        Assert.True(allocated < AllocationBound, $"loading {path} allocated {allocated:N0} bytes");
        return problems;
    }
}
