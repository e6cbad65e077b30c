using SloQuality.Core.Datasets;
using SloQuality.Core.Hallucination.Training;
using SloQuality.Core.Scoring;
using SloQuality.Core.Text;

namespace SloQuality.Core.Hallucination;

/// <summary>
/// The shipped detector: each claim of the output (its sentences, and the whole when there are
/// several) is featurised against the item's references, context and known-incorrect claims, and the
/// trained model gives its calibrated probability of being hallucinated; the output's score is its
/// worst claim's, and the claims at or above the threshold are the reasons. An unanswerable item that
/// is answered is hallucinated; declining to answer is never a hallucination. An item with no evidence
/// at all is left to the lexical detector (the model has nothing to compare with).
/// </summary>
public sealed partial class TrainedHallucinationDetector(HallucinationModel model, DetectorFeaturizer featurizer, double threshold = TrainedHallucinationDetector.DefaultThreshold) : IHallucinationDetector
{
    /// <summary>The calibrated probability at which an output counts as hallucinated.</summary>
    public const double DefaultThreshold = 0.5;

    private readonly LexicalHallucinationDetector fallback = new();

    public double Threshold => threshold;

    public async ValueTask<HallucinationVerdict> DetectAsync(GoldenItem item, string output, CancellationToken cancellationToken = default)
    {
        var abstained = AbstentionScorer.IsAbstention(output);
        if (!item.Answerable)
        {
            return abstained ? new HallucinationVerdict(false, 0.05, []) : new HallucinationVerdict(true, 0.95, [Shorten(output)]);
        }

        if (abstained || string.IsNullOrWhiteSpace(output))
        {
            return new HallucinationVerdict(false, 0.1, []);
        }

        // Structured output (JSON) makes no sentences to compare: its facts are checked lexically.
        if ((item.Reference.Count == 0 && item.Context.Count == 0 && item.Incorrect.Count == 0) || IsJson(output))
        {
            return await fallback.DetectAsync(item, output, cancellationToken).ConfigureAwait(false);
        }

        // "Good question." and "Here is the answer:" claim nothing; left in, they read as unsupported claims.
        var text = output.Trim();
        for (var stripped = Strip(text); stripped != text; stripped = Strip(text))
        {
            text = stripped;
        }

        var sentences = Sentences.Split(text).Where(s => s.Any(char.IsLetterOrDigit) && !ConversationalFiller().IsMatch(s)).ToList();
        if (sentences.Count == 0)
        {
            return new HallucinationVerdict(false, 0.1, []);
        }

        var claims = sentences.Count > 1 ? [text, .. sentences] : new List<string> { text };
        var features = await featurizer.FeaturesAsync(claims.Select(c => (item, c)).ToList(), cancellationToken).ConfigureAwait(false);
        var probabilities = claims.Select((c, i) => Math.Max(model.Probability(features[i]), UnsupportedName(item, c) ? UnsupportedNameScore : 0)).ToList();
        if (item.Context.Count > 0 && item.Incorrect.Count == 0)
        {
            // Grounded in a context with no known mistakes: the only public data of that kind (HaluEval)
            // has verbatim faithful answers, so the model alone flags full-sentence paraphrases; the
            // lexical detector's support check (facts and words found in the context) is averaged in.
            probabilities = claims.Select((c, i) => (float)((probabilities[i] + fallback.Detect(item, c).Score) / 2)).ToList();
        }

        var worst = probabilities.Max();
        var unsupported = claims.Select((c, i) => (c, p: probabilities[i]))
            .Where(x => x.p >= threshold && (claims.Count == 1 || !ReferenceEquals(x.c, output)))
            .Select(x => Shorten(x.c))
            .ToList();
        if (worst >= threshold && unsupported.Count == 0)
        {
            unsupported.Add(Shorten(output));
        }

        return new HallucinationVerdict(worst >= threshold, Math.Round(worst, 4), unsupported);
    }

    /// <summary>
    /// Without known mistakes to compare with, a claim that swaps the references' names for names
    /// found nowhere (not in the evidence, not in the question) is unsupported. The model learned names
    /// from TruthfulQA, where names sit on both sides; with counter-evidence it decides alone (this rule
    /// there cost 0.08 balanced accuracy on the swapped-evidence benchmark).
    /// </summary>
    private static bool UnsupportedName(GoldenItem item, string claim)
    {
        var support = item.Reference.Concat(item.Context).ToList();
        if (item.Incorrect.Count > 0 || !support.Any(s => Features.ContentWords.Names(s).Count > 0))
        {
            return false;
        }

        // Names the answer commits to that appear nowhere (not in the evidence, not among the known
        // mistakes, not in the question), while it names none of what the references name.
        var question = Text.TextNormalizer.Tokens(item.Prompt).ToHashSet(StringComparer.Ordinal);
        var known = support.Concat(item.Incorrect).SelectMany(Text.TextNormalizer.Tokens).ToHashSet(StringComparer.Ordinal);
        var claimed = Features.ContentWords.Names(claim).Where(n => !question.Contains(n)).ToList();
        var referenced = support.SelectMany(Features.ContentWords.Names).Where(n => !question.Contains(n)).ToHashSet(StringComparer.Ordinal);
        return claimed.Any(n => !known.Contains(n)) && referenced.Count > 0 && !claimed.Any(referenced.Contains);
    }

    private const float UnsupportedNameScore = 0.75f;

    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*((good|great|interesting) question|sure( thing)?|certainly|of course|absolutely|happy to help|thanks for asking|here is the answer|here's the answer|here is what i found)\s*[.:!,]\s*", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex ConversationalFiller();

    private static string Strip(string text) => ConversationalFiller().Replace(text, string.Empty, 1).Trim();

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
