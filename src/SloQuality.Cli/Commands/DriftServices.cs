using Microsoft.Extensions.AI;
using SloQuality.Core.Configuration;
using SloQuality.Core.Datasets;
using SloQuality.Core.Drift;
using SloQuality.Inference.Embeddings;

namespace SloQuality.Cli.Commands;

/// <summary>The embedding generator and drift options from <c>drift.yaml</c>, shared by the commands that measure drift.</summary>
internal sealed class DriftServices : IDisposable
{
    private DriftServices(IEmbeddingGenerator<string, Embedding<float>> generator, DriftOptions options)
    {
        Generator = generator;
        Options = options;
    }

    public IEmbeddingGenerator<string, Embedding<float>> Generator { get; }

    public DriftOptions Options { get; }

    /// <summary>Null with the problems printed (as <c>file:line: message</c>) when the configuration is bad.</summary>
    public static DriftServices? Load(string configFolder, TextWriter stderr)
    {
        var (embedding, options, problems) = DriftConfiguration.Load(configFolder);
        foreach (var problem in problems)
        {
            stderr.WriteLine(problem.ToString());
        }

        if (problems.Count > 0)
        {
            return null;
        }

        var (generator, problem2) = EmbeddingGeneratorFactory.Create(embedding, Environment.GetEnvironmentVariable);
        if (generator is null)
        {
            stderr.WriteLine(new DatasetProblem(Path.Combine(configFolder, DriftConfiguration.FileName), 0, problem2!).ToString());
            return null;
        }

        return new DriftServices(generator, options);
    }

    public DriftStage Stage(EmbeddingCache cache, IBaselineStore baselines, Core.Evaluation.IResultStore results) =>
        new(cache, baselines, results, new DriftAnalyzer(DriftAnalyzer.DefaultTests, Options));

    public void Dispose() => Generator.Dispose();
}
