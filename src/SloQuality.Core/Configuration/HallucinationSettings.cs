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

    /// <summary>One threshold for every kind of evidence, when the file gives <c>threshold:</c>; null leaves it to <see cref="Thresholds"/> and the model's card.</summary>
    public double? Threshold { get; init; }

    /// <summary>The threshold per kind of evidence (<c>thresholds:</c>); a kind not named takes <see cref="Threshold"/>, else the model card's.</summary>
    public IReadOnlyDictionary<Hallucination.EvidenceKind, double> Thresholds { get; init; } = new Dictionary<Hallucination.EvidenceKind, double>();

    /// <summary>The thresholds the detector is built with: per kind as given, else the single threshold; kinds absent from both take the card's.</summary>
    public IReadOnlyDictionary<Hallucination.EvidenceKind, double> EffectiveThresholds() =>
        Hallucination.EvidenceKinds.All.Where(k => Thresholds.ContainsKey(k) || Threshold is not null)
            .ToDictionary(k => k, k => Thresholds.TryGetValue(k, out var t) ? t : Threshold!.Value);

    /// <summary>Which human labels correct the rate, and how many it takes (<c>correction:</c>).</summary>
    public Hallucination.Correction.CorrectionOptions Correction { get; init; } = new();

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

        r.RejectUnknown(root, string.Empty, "detector", "model", "threshold", "thresholds", "correction", "judge");
        var correction = new Hallucination.Correction.CorrectionOptions();
        if (r.Mapping(root, "correction") is { } c)
        {
            r.RejectUnknown(c, "correction.", "label_days", "minimum_labels_per_class");
            correction = new Hallucination.Correction.CorrectionOptions(r.Integer(c, "label_days", 1, 3650) ?? correction.LabelDays, r.Integer(c, "minimum_labels_per_class", 1, 100_000) ?? correction.MinimumPerClass);
        }

        var thresholds = new Dictionary<Hallucination.EvidenceKind, double>();
        if (r.Mapping(root, "thresholds") is { } byKind)
        {
            var names = Hallucination.EvidenceKinds.All.Select(Hallucination.EvidenceKinds.Name).ToArray();
            r.RejectUnknown(byKind, "thresholds.", names);
            foreach (var kind in Hallucination.EvidenceKinds.All)
            {
                if (r.Number(byKind, Hallucination.EvidenceKinds.Name(kind), 0.01, 0.99) is { } t)
                {
                    thresholds[kind] = t;
                }
            }
        }

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
            Threshold = r.Number(root, "threshold", 0.01, 0.99),
            Thresholds = thresholds,
            Correction = correction,
            Judge = r.String(root, "judge"),
            JudgeLine = root.Get("judge")?.Line ?? 0,
        }, problems);
    }
}
