using SloQuality.Core.Datasets;
using SloQuality.Core.Yaml;

namespace SloQuality.Core.Configuration;

/// <summary>
/// <c>hallucination.yaml</c>: which detector scores outputs (<c>trained</c>, the default, or
/// <c>lexical</c>), the trained model's file (relative to the configuration folder), the
/// probability at which an output counts as hallucinated, and the model target (if any) that judges
/// the service's runs as a second opinion.
/// </summary>
public sealed record HallucinationSettings
{
    public const string FileName = "hallucination.yaml";
    public const string Trained = "trained";
    public const string Lexical = "lexical";

    public string Detector { get; init; } = Trained;

    public string Model { get; init; } = Path.Combine("detector", "hallucination-detector.zip");

    public double Threshold { get; init; } = 0.5;

    /// <summary>A model target of <c>targets.yaml</c> that judges every run the service finalises; none by default.</summary>
    public string? Judge { get; init; }

    /// <summary>The line of <c>judge:</c> in the file (0 without one), so a judge that cannot be built is reported where it was named.</summary>
    public int JudgeLine { get; init; }

    public static (HallucinationSettings Settings, IReadOnlyList<DatasetProblem> Problems) Load(string configFolder)
    {
        var problems = new List<DatasetProblem>();
        var (r, root) = ConfigurationFile.Open(configFolder, FileName, "'detector:', 'model:' and 'threshold:'", problems);
        var defaults = new HallucinationSettings();
        if (root is null)
        {
            return (defaults with { Model = Path.Combine(configFolder, defaults.Model) }, problems);
        }

        r.RejectUnknown(root, string.Empty, "detector", "model", "threshold", "judge");
        var detector = r.String(root, "detector") ?? Trained;
        if (detector is not (Trained or Lexical))
        {
            r.Report(root.Get("detector")!.Line, $"detector: '{detector}' is not known, expected trained or lexical");
        }

        var model = r.String(root, "model") ?? defaults.Model;
        return (new HallucinationSettings
        {
            Detector = detector,
            Model = Path.IsPathRooted(model) ? model : Path.Combine(configFolder, model),
            Threshold = r.Number(root, "threshold", 0, 1) ?? defaults.Threshold,
            Judge = r.String(root, "judge"),
            JudgeLine = root.Get("judge")?.Line ?? 0,
        }, problems);
    }
}
