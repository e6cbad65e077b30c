using SloQuality.Core.Configuration;

namespace SloQuality.Core.Tests.Drift;

public sealed class DriftConfigurationTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("sloq-driftconf-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void WithoutTheFileTheDefaultsApply()
    {
        var (embedding, options, problems) = DriftConfiguration.Load(folder);

        Assert.Empty(problems);
        Assert.Equal(EmbeddingSettings.Local, embedding.Provider);
        Assert.Equal(new Core.Drift.DriftOptions(), options);
    }

    [Fact]
    public void TheShippedFileHoldsTheDocumentedDefaults()
    {
        var (embedding, options, problems) = DriftConfiguration.Load(Path.Combine(SloQuality.Tests.Shared.RepositoryRoot.Path, "jobs"));

        Assert.Empty(problems);
        Assert.Equal(EmbeddingSettings.Local, embedding.Provider);
        Assert.Equal(new Core.Drift.DriftOptions(), options);
    }

    [Fact]
    public void ARemoteModelNeedsAV1EndpointAndAModelAndUnknownKeysAreNamed()
    {
        var path = Path.Combine(folder, DriftConfiguration.FileName);
        File.WriteAllText(path, "embedding:\n  provider: openai\n  endpoint: https://api.example.com/embed\ndrift:\n  alpah: 0.1\n");

        var (_, _, problems) = DriftConfiguration.Load(folder);

        var messages = problems.Select(p => p.ToString()).ToList();
        Assert.Equal(3, messages.Count);
        Assert.Contains(messages, m => m.StartsWith($"{path}:5: unknown field 'drift.alpah', expected one of: item_threshold, ", StringComparison.Ordinal));
        Assert.Contains($"{path}:2: embedding.endpoint: expected an absolute URL ending in /v1 for provider openai, found 'https://api.example.com/embed'", messages);
        Assert.Contains($"{path}:2: embedding.model: required for provider openai (for example text-embedding-3-small)", messages);
    }
}
