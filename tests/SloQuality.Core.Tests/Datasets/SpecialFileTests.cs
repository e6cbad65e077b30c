using System.Diagnostics;
using SloQuality.Core.Datasets;

namespace SloQuality.Core.Tests.Datasets;

/// <summary>Files that are not plain dataset files are skipped with a problem, never read and never waited on.</summary>
public sealed class SpecialFileTests : IDisposable
{
    private const string Good = "{\"id\": \"a\", \"input\": \"q\", \"reference\": \"r\"}\n";
    private readonly TempFolder folder = new();
    private readonly TempFolder outside = new();

    public void Dispose()
    {
        folder.Dispose();
        outside.Dispose();
    }

    [Fact]
    public void AFifoAmongTheDatasetsIsSkippedWithoutWaitingForAWriter()
    {
        folder.Write("good.jsonl", Good);
        var fifo = Path.Combine(folder.Path, "pipe.jsonl");
        Process.Start("mkfifo", fifo)!.WaitForExit();

        var results = LoadAllBounded(folder.Path);

        Assert.Equal([$"{fifo}:0: is a FIFO (named pipe), expected a regular dataset file; not read"], results.SelectMany(r => r.Problems).Select(p => p.ToString()));
        Assert.Single(results, r => r.IsValid);
    }

    [Fact]
    public void ALinkToADeviceIsNeverRead()
    {
        var link = Path.Combine(folder.Path, "zero.jsonl");
        File.CreateSymbolicLink(link, "/dev/zero");

        var result = Assert.Single(LoadAllBounded(link));

        Assert.Equal([$"{link}:0: is a character device, expected a regular dataset file; not read"], result.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void ALinkThatLeadsOutsideTheFolderIsSkippedAndItsTargetNeverQuoted()
    {
        var secret = outside.Write("secret.jsonl", "root:x:0:0:SECRET-CONTENT\n");
        var link = Path.Combine(folder.Path, "innocent.jsonl");
        File.CreateSymbolicLink(link, secret);
        folder.Write("good.jsonl", Good);

        var results = LoadAllBounded(folder.Path);

        var problem = Assert.Single(results.SelectMany(r => r.Problems));
        Assert.Equal($"{link}:0: is a symbolic link that leads outside {folder.Path}; skipped, not read (a dataset link must stay inside its folder)", problem.ToString());
        Assert.DoesNotContain("SECRET", problem.ToString());
        Assert.Single(results, r => r.IsValid);
    }

    [Fact]
    public void AFolderLinkLoopListsEachFileOnce()
    {
        var good = folder.Write("sub/good.jsonl", Good);
        Directory.CreateSymbolicLink(Path.Combine(folder.Path, "sub", "loop"), folder.Path);

        var results = LoadAllBounded(folder.Path);

        Assert.Equal([good], results.Where(r => r.IsValid).Select(r => r.Path));
        Assert.Equal([$"{Path.Combine(folder.Path, "sub", "loop")}:0: is a folder already listed (a symbolic link loop?); skipped so no file is listed twice"],
            results.SelectMany(r => r.Problems).Select(p => p.ToString()));
    }

    [Fact]
    public void ALinkThatStaysInsideTheFolderIsFollowed()
    {
        var target = folder.Write("real/a.jsonl", Good);
        File.CreateSymbolicLink(Path.Combine(folder.Path, "alias.jsonl"), target);

        var results = LoadAllBounded(folder.Path);

        Assert.Equal(2, results.Count(r => r.IsValid));
    }

    [Fact]
    public void AFileOverTheSizeLimitIsAProblemNotAnOutOfMemoryExit()
    {
        var big = folder.Write("big.jsonl", string.Concat(Enumerable.Repeat(Good, 30_000)));

        var result = GoldenDatasetLoader.Load(big, new DatasetLimits(MaxFileBytes: 1024 * 1024));

        Assert.Equal([$"{big}:0: the file is 1.3 MB, expected at most 1.0 MB (SLOQ_MAX_DATASET_MB raises the limit); not read"], result.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void TheLimitsComeFromTheEnvironment()
    {
        Assert.Equal(3L * 1024 * 1024, DatasetLimits.FromEnvironment(name => name == "SLOQ_MAX_DATASET_MB" ? "3" : null).MaxFileBytes);
        Assert.Equal(DatasetLimits.DefaultMaxFileBytes, DatasetLimits.FromEnvironment(_ => "lots").MaxFileBytes);
        var yaml = DatasetLimits.FromEnvironment(name => name switch { "SLOQ_YAML_MAX_DEPTH" => "8", "SLOQ_YAML_MAX_ALIAS_NODES" => "50", _ => null }).YamlLimits;
        Assert.Equal(new SloQuality.Core.Yaml.YamlLimits(8, 50), yaml);
    }

    private static List<DatasetLoadResult> LoadAllBounded(string path)
    {
        var load = Task.Run(() => GoldenDatasetLoader.LoadAll([path]).ToList());
        Assert.True(load.Wait(TimeSpan.FromSeconds(30)), "loading did not finish (hang guard, not a speed check)");
        return load.Result;
    }
}
