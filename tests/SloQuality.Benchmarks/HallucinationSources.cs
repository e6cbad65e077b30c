using SloQuality.Core.Hallucination.Features;
using SloQuality.Core.Hallucination.Training;

namespace SloQuality.Benchmarks;

/// <summary>
/// The labelled sources the detector learns from, each kept apart so a benchmark can leave one out:
/// TruthfulQA (references and known mistakes), HaluEval (context-grounded QA), BEGIN's three dialogue
/// sources (context only, labelled by people), and our own examples (<c>jobs/detector/examples.jsonl</c>).
/// </summary>
internal static class HallucinationSources
{
    /// <summary>How much one of our hand-labelled examples counts beside one public output (as <c>sloq detector train</c> weighs them).</summary>
    public const float OwnWeight = 5;

    public static IReadOnlyList<(string Name, IReadOnlyList<LabelledOutput> Outputs)> Load(List<LabelledOutput>? generic = null, Func<LabelledOutput, bool>? keepOwn = null, float ownWeight = 1)
    {
        var begin = BeginReader.Read(SharedDatasets.File("begin", "dev.jsonl"), generic: generic);
        var folder = Path.Combine(SloQuality.Tests.Shared.RepositoryRoot.Path, "jobs", "detector");
        var own = LabelledData.Read(Path.Combine(folder, "examples.jsonl")).Outputs.Select(o => o with { Weight = OwnWeight })
            .Concat(LabelledData.Read(Path.Combine(folder, "own-examples.jsonl")).Outputs.Where(keepOwn ?? (_ => true)).Select(o => o with { Weight = ownWeight }))
            .ToList();
        return
        [
            ("truthfulqa", TruthfulQaReader.Read(SharedDatasets.File("truthfulqa", "dev.jsonl"))),
            ("halueval", HaluEvalReader.Read(SharedDatasets.File("halueval-qa", "dev.jsonl"))),
            ("begin-wow", begin.Where(o => o.Source == "begin-wow").ToList()),
            ("begin-cmu", begin.Where(o => o.Source == "begin-cmu").ToList()),
            ("begin-tc", begin.Where(o => o.Source == "begin-tc").ToList()),
            ("own", own),
        ];
    }

    /// <summary>The plain rule: the share of the output's content words (the question's left out) found in the references and context.</summary>
    public static double Overlap(LabelledOutput o)
    {
        var question = ContentWords.Of(o.Item.Prompt).ToHashSet(StringComparer.Ordinal);
        var support = o.Item.Reference.Concat(o.Item.Context).SelectMany(ContentWords.Of).ToHashSet(StringComparer.Ordinal);
        var words = ContentWords.Of(o.Output).Where(w => !question.Contains(w)).ToList();
        return words.Count == 0 ? 1 : (double)words.Count(support.Contains) / words.Count;
    }

    /// <summary>The overlap rule's balanced accuracy at the threshold that is best on the very outputs it is measured on (an optimistic yardstick).</summary>
    public static double OverlapBestBalanced(IReadOnlyList<LabelledOutput> outputs)
    {
        var scored = outputs.Select(o => (Score: 1 - Overlap(o), o.Hallucinated)).ToList();
        return scored.Select(s => s.Score).Distinct().Append(1.01).Max(t => Balanced(scored, t));
    }

    public static double Balanced(IReadOnlyList<(double Score, bool Hallucinated)> scored, double threshold)
    {
        var positives = scored.Count(s => s.Hallucinated);
        var negatives = scored.Count - positives;
        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }

        return ((double)scored.Count(s => s.Hallucinated && s.Score >= threshold) / positives + (double)scored.Count(s => !s.Hallucinated && s.Score < threshold) / negatives) / 2;
    }

    /// <summary>
    /// The calibration error left once the probabilities are shifted on the logit scale so that their mean
    /// is the source's true rate: what the shape of the calibration loses, apart from the base rate the
    /// source happens to have (which no detector can know without labels).
    /// </summary>
    public static double PriorShiftedCalibrationError(IReadOnlyList<(double Probability, bool Hallucinated)> scored)
    {
        if (scored.Count == 0)
        {
            return double.NaN;
        }

        var rate = scored.Average(s => s.Hallucinated ? 1.0 : 0.0);
        static double Logit(double p) => Math.Log(Math.Clamp(p, 1e-6, 1 - 1e-6) / (1 - Math.Clamp(p, 1e-6, 1 - 1e-6)));
        double Mean(double shift) => scored.Average(s => 1 / (1 + Math.Exp(-(Logit(s.Probability) + shift))));
        var (low, high) = (-20.0, 20.0);
        for (var i = 0; i < 80; i++)
        {
            var mid = (low + high) / 2;
            (low, high) = Mean(mid) < rate ? (mid, high) : (low, mid);
        }

        var shift = (low + high) / 2;
        return CalibrationError(scored.Select(s => (1 / (1 + Math.Exp(-(Logit(s.Probability) + shift))), s.Hallucinated)).ToList());
    }

    /// <summary>Expected calibration error over ten equal-width bins of the probability.</summary>
    public static double CalibrationError(IReadOnlyList<(double Probability, bool Hallucinated)> scored)
    {
        if (scored.Count == 0)
        {
            return double.NaN;
        }

        return scored.GroupBy(s => Math.Min(9, (int)(s.Probability * 10)))
            .Sum(bin => (double)bin.Count() / scored.Count * Math.Abs(bin.Average(s => s.Probability) - bin.Average(s => s.Hallucinated ? 1.0 : 0.0)));
    }
}
