using SloQuality.Core.Evaluation;
using SloQuality.Core.Signoff;
using SloQuality.Core.Slo;
using Xunit.Abstractions;

namespace SloQuality.Core.Tests.Signoff;

public sealed class SignoffEvaluatorTests(ITestOutputHelper output)
{
    private static readonly SignoffPolicy Quick = new() { Resamples = 200 };

    private static readonly SloSet Slos = new(
        [new SloDefinition { Name = "hallucination", Sli = SliKinds.HallucinationRate, Operator = "<", Target = 0.08, Objective = 0.92, Window = new SloWindow(SloWindow.Daily) }],
        new AvailabilityCounting());

    /// <summary>Recorded results of a simulated model: each item hallucinates with the given rate, TTFT log-normal around 200 ms.</summary>
    private static List<ItemResult> Run(string runId, int items, double hallucinationRate, Random random) =>
        Enumerable.Range(0, items).Select(i =>
        {
            var hallucinated = random.NextDouble() < hallucinationRate;
            return new ItemResult
            {
                RunId = runId,
                ItemId = $"item-{i:0000}",
                RepeatIndex = 0,
                Output = "answer",
                Correct = !hallucinated,
                Hallucinated = hallucinated,
                TtftMs = 200 * Math.Exp(0.4 * Normal(random)),
                CompletedAt = new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.Zero),
            };
        }).ToList();

    private static double Normal(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static RunRecord Record(string runId) => new(runId, "qa", "hash", "candidate", 1000, 1, new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.Zero));

    private static string Verdict(int seed, double candidateRate)
    {
        var random = new Random(seed);
        var baseline = Run("base", 1000, 0.02, random);
        var candidate = Run("cand", 1000, candidateRate, random);
        return new SignoffEvaluator(Quick).Evaluate(Record("cand"), baseline, candidate, Slos).Verdict;
    }

    [Fact]
    public void TheSameModelAgainstItselfIsRarelyRejectedAndA2To6PercentHallucinationRiseAlmostAlways()
    {
        var aa = Enumerable.Range(1, 40).Count(seed => Verdict(seed, 0.02) == SignoffVerdict.Rejected);
        var ab = Enumerable.Range(1001, 40).Count(seed => Verdict(seed, 0.06) == SignoffVerdict.Rejected);

        output.WriteLine($"A/A rejected {aa} of 40 seeds ({aa / 40.0:P1}); A/B (2% -> 6% hallucination, 1,000 items) rejected {ab} of 40 ({ab / 40.0:P1})");
        Assert.True(aa <= 2, $"A/A rejected {aa} of 40");
        Assert.True(ab >= 36, $"A/B rejected {ab} of 40");
    }

    [Fact]
    public void TheRejectionNamesTheRegressedMetricWithItsPValue()
    {
        var random = new Random(7);
        var verdict = new SignoffEvaluator(Quick).Evaluate(Record("cand"), Run("base", 1000, 0.02, random), Run("cand", 1000, 0.06, random), Slos);

        var failed = Assert.Single(verdict.Rules, r => r.Outcome == SignoffRule.Fail && r.Kind == SignoffRule.Regression && r.Name.Contains("hallucination", StringComparison.Ordinal));
        Assert.True(failed.AdjustedPValue < 0.05);
        Assert.Contains("McNemar exact p = ", failed.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void FiftyItemsCannotShowAHallucinationRateUnderTwoPercentAndSaySoWithTheItemsNeeded()
    {
        var slos = new SloSet([Slos.Slos[0] with { Target = 0.02, Objective = 0.98 }], new AvailabilityCounting());
        var random = new Random(3);
        var baseline = Run("base", 50, 0, random);
        var candidate = Run("cand", 50, 0, random);

        var verdict = new SignoffEvaluator(Quick).Evaluate(Record("cand"), baseline, candidate, slos);

        Assert.Equal(SignoffVerdict.InsufficientEvidence, verdict.Verdict);
        Assert.Equal(2, verdict.ExitCode);
        var rule = Assert.Single(verdict.Rules, r => r.Outcome == SignoffRule.Insufficient);
        Assert.True(rule.ItemsNeeded > 50);
        Assert.Contains($"about {rule.ItemsNeeded} items would", rule.Detail, StringComparison.Ordinal);
    }
}
