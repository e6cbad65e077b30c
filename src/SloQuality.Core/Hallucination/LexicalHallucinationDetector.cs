using SloQuality.Core.Datasets;
using SloQuality.Core.Scoring;
using SloQuality.Core.Text;

namespace SloQuality.Core.Hallucination;

/// <summary>
/// An evidence-overlap detector that needs no model: the evidence is the item's references, context
/// and prompt; the counter-evidence its <c>incorrect</c> claims. Each sentence of the output is a claim:
/// <list type="bullet">
/// <item>a claim closer to a known-incorrect claim than to any evidence is contradicted (score 0.95);</item>
/// <item>a claim with numbers or names absent from all evidence is unsupported (0.6 to 0.95 by the share absent);</item>
/// <item>otherwise the score (at most 0.45) falls with the share of the claim's words found in the evidence.</item>
/// </list>
/// The output's score is its worst claim's. Unanswerable items answered instead of declined score 0.95.
/// </summary>
public sealed class LexicalHallucinationDetector(double threshold = 0.5) : IHallucinationDetector
{
    public double Threshold => threshold;

    public ValueTask<HallucinationVerdict> DetectAsync(GoldenItem item, string output, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Detect(item, output));

    public HallucinationVerdict Detect(GoldenItem item, string output)
    {
        var abstained = AbstentionScorer.IsAbstention(output);
        if (!item.Answerable)
        {
            return AbstentionScorer.Declines(item, output)
                ? new HallucinationVerdict(false, 0.05, [])
                : new HallucinationVerdict(true, 0.95, [Shorten(output)]);
        }

        if (abstained || string.IsNullOrWhiteSpace(output))
        {
            // Declining to answer is a miss for correctness, not an invented fact.
            return new HallucinationVerdict(false, 0.1, []);
        }

        var evidence = ItemEvidence.For(item);

        var worst = 0.0;
        var unsupported = new List<string>();
        foreach (var claim in Sentences.Split(output))
        {
            var tokens = TextNormalizer.Tokens(claim);
            if (tokens.Count == 0)
            {
                continue;
            }

            var score = ScoreClaim(claim, tokens, evidence);
            if (score >= threshold)
            {
                unsupported.Add(Shorten(claim));
            }

            worst = Math.Max(worst, score);
        }

        return new HallucinationVerdict(worst >= threshold, Math.Round(worst, 4), unsupported);
    }

    private static double ScoreClaim(string claim, IReadOnlyList<string> tokens, ItemEvidence evidence)
    {
        var bestEvidence = evidence.Sentences.Count == 0 ? 0 : evidence.Sentences.Max(e => TokenF1Scorer.F1(tokens, e));
        var bestIncorrect = evidence.Incorrect.Count == 0 ? 0 : evidence.Incorrect.Max(i => TokenF1Scorer.F1(tokens, i.Tokens));
        if (bestIncorrect >= 0.5 && bestIncorrect > bestEvidence)
        {
            return 0.95;
        }

        var facts = KeyFacts.Of(claim);
        var absent = facts.Count(f => !KeyFacts.Mentions(evidence.Tokens, f));
        if (absent > 0)
        {
            return 0.6 + (0.35 * absent / facts.Count);
        }

        // Without a contradiction or an absent fact, low word overlap alone (filler, a paraphrase) stays
        // below the threshold: it raises the score for ranking but never makes a verdict by itself.
        var recall = (double)tokens.Count(evidence.Tokens.Contains) / tokens.Count;
        return 0.45 * (1 - recall);
    }

    private static string Shorten(string text) => text.Length > 200 ? text[..200] + "…" : text;
}
