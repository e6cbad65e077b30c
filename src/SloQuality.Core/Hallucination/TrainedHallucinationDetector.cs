using SloQuality.Core.Datasets;
using SloQuality.Core.Hallucination.Claims;
using SloQuality.Core.Hallucination.Training;
using SloQuality.Core.Scoring;

namespace SloQuality.Core.Hallucination;

/// <summary>
/// The shipped detector: the output is cut into the claims it makes (conversation, questions back and
/// a bare decline are not claims; see <see cref="ClaimSplitter"/>), each claim is featurised against the
/// item's references, context and known-incorrect claims, and the trained model scores it; the output's
/// score is its worst claim's, read as a probability through the calibration of its kind of evidence,
/// and flagged at that kind's threshold. The claims at or above it are the reasons. An unanswerable item
/// that is answered is hallucinated; an output that claims nothing is not. An item with no evidence at
/// all, and a structured (JSON) answer, are left to the lexical detector.
/// </summary>
public sealed class TrainedHallucinationDetector : IHallucinationDetector
{
    private readonly HallucinationModel model;
    private readonly DetectorFeaturizer featurizer;
    private readonly IReadOnlyDictionary<EvidenceKind, double> thresholds;
    private readonly LexicalHallucinationDetector fallback = new();

    /// <param name="thresholds">Per kind of evidence; a kind not given takes the model's calibrated threshold.</param>
    public TrainedHallucinationDetector(HallucinationModel model, DetectorFeaturizer featurizer, IReadOnlyDictionary<EvidenceKind, double>? thresholds = null)
    {
        this.model = model;
        this.featurizer = featurizer;
        this.thresholds = EvidenceKinds.All.ToDictionary(k => k, k => thresholds?.GetValueOrDefault(k) is > 0 and var t ? t : model.Calibration.Threshold(k));
    }

    /// <summary>The probability at which an output of this kind of evidence counts as hallucinated.</summary>
    public double Threshold(EvidenceKind kind) => thresholds[kind];

    public double Threshold(GoldenItem item) => thresholds[EvidenceKinds.Of(item)];

    public async ValueTask<HallucinationVerdict> DetectAsync(GoldenItem item, string output, CancellationToken cancellationToken = default) =>
        (await ScoreAsync(item, output, cancellationToken).ConfigureAwait(false)).Verdict;

    /// <summary>The verdict with the raw model score behind it (null when a rule decided), as training calibrates it.</summary>
    public async ValueTask<DetectorScore> ScoreAsync(GoldenItem item, string output, CancellationToken cancellationToken = default)
    {
        var kind = EvidenceKinds.Of(item);
        if (!item.Answerable)
        {
            return Rule(kind, AbstentionScorer.Declines(item, output) ? new HallucinationVerdict(false, 0.05, []) : new HallucinationVerdict(true, 0.95, [Shorten(output)]));
        }

        if (string.IsNullOrWhiteSpace(output))
        {
            return Rule(kind, new HallucinationVerdict(false, 0.05, []));
        }

        // Structured output (JSON) makes no sentences to compare: its facts are checked lexically.
        if ((item.Reference.Count == 0 && item.Context.Count == 0 && item.Incorrect.Count == 0) || IsJson(output))
        {
            return Rule(kind, await fallback.DetectAsync(item, output, cancellationToken).ConfigureAwait(false));
        }

        var claims = ClaimSplitter.Split(output, item.Prompt).Claims;
        if (claims.Count == 0)
        {
            // Conversation, a question back, or declining to answer: nothing is claimed, so nothing is invented.
            return Rule(kind, new HallucinationVerdict(false, 0.05, []));
        }

        var analyses = await featurizer.AnalyseAsync(claims.Select(c => (item, c)).ToList(), cancellationToken).ConfigureAwait(false);
        var raws = analyses.Select(a => model.RawScore(a.Features)).ToList();
        // A crisp contradiction (a negation, a substituted fact, a contradicting yes or no) is a
        // hallucination whatever the model says: its score is at least the contradiction score.
        var rules = true;
        var probabilities = raws.Select((r, i) => !rules || analyses[i].Contradiction is null ? model.Probability(kind, r) : Math.Max(model.Probability(kind, r), ContradictionScore)).ToList();
        var threshold = thresholds[kind];
        if (kind != EvidenceKind.KnownMistakes)
        {
            // A golden answer restated faithfully in other words (its facts kept, every new word a
            // synonym of the evidence's) is not a hallucination, whatever its wording makes the model think.
            probabilities = probabilities.Select((p, i) => analyses[i].Paraphrase ? Math.Min(p, 0.8 * threshold) : p).ToList();
        }

        var worst = probabilities.Max();
        var unsupported = claims.Select((c, i) => (c, i)).Where(x => probabilities[x.i] >= threshold)
            .Select(x => Shorten(rules && analyses[x.i].Contradiction is { } why ? $"{x.c.Text} ({why})" : x.c.Text)).ToList();
        return new DetectorScore(kind, raws.Max(), new HallucinationVerdict(worst >= threshold, Math.Round(worst, 4), unsupported), rules && analyses.Any(a => a.Contradiction is not null));
    }

    /// <summary>The score of a claim that crisply contradicts its evidence.</summary>
    public const double ContradictionScore = 0.97;

    private static DetectorScore Rule(EvidenceKind kind, HallucinationVerdict verdict) => new(kind, null, verdict);

    private static bool IsJson(string output)
    {
        var trimmed = output.Trim();
        if (trimmed.Length < 2 || trimmed[0] is not ('{' or '['))
        {
            return false;
        }

        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(trimmed);
            return true;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    private static string Shorten(string text) => text.Length > 200 ? text[..200] + "…" : text;
}

/// <summary>A detector's verdict on one output with its kind of evidence and the model's raw score (null when a rule decided), and whether a claim crisply contradicted the evidence.</summary>
public sealed record DetectorScore(EvidenceKind Kind, float? Raw, HallucinationVerdict Verdict, bool Contradicted = false);
