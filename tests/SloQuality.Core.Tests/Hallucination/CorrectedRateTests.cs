using SloQuality.Core.Hallucination.Correction;

namespace SloQuality.Core.Tests.Hallucination;

/// <summary>
/// The corrected rate on simulated populations whose truth is known: outputs with a true verdict and a
/// detector score, a stratified sample of them labelled as <c>sloq hitl sample</c> draws it.
/// </summary>
public sealed class CorrectedRateTests
{
    private sealed record Output(string Id, bool Truth, double Score, bool Flagged);

    /// <summary>A detector that flags about twice the true rate but ranks well: hallucinations score high, a third of the faithful outputs score over the threshold too.</summary>
    private static List<Output> OverFlagging(Random random, int n, double rate) => Enumerable.Range(0, n).Select(i =>
    {
        var truth = random.NextDouble() < rate;
        var score = truth ? 0.6 + (0.4 * random.NextDouble()) : random.NextDouble() < 0.35 ? 0.5 + (0.4 * random.NextDouble()) : 0.3 * random.NextDouble();
        return new Output($"o{i}", truth, score, score >= 0.5);
    }).ToList();

    /// <summary>A detector no better than chance: its score says nothing about the truth.</summary>
    private static List<Output> Chance(Random random, int n, double rate) => Enumerable.Range(0, n).Select(i =>
    {
        var score = random.NextDouble();
        return new Output($"o{i}", random.NextDouble() < rate, score, score >= 0.5);
    }).ToList();

    private static List<HumanLabel> Sample(List<Output> outputs, int perStratum, Random random) =>
        outputs.GroupBy(o => ScoreStrata.Of(o.Score)).SelectMany(g => g.OrderBy(_ => random.Next()).Take(perStratum))
            .Select(o => new HumanLabel(o.Id, o.Id, o.Score, o.Flagged, o.Truth)).ToList();

    private static CorrectedEstimate Correct(List<Output> population, List<HumanLabel> labels) =>
        CorrectedRate.Estimate(CorrectedRate.Population(population.Select(o => (o.Score, o.Flagged))), labels);

    [Fact]
    public void AnOverFlaggingDetectorThatRanksWellIsCorrectedToTheTrueRateWithAnIntervalThatCoversIt()
    {
        var covered = 0;
        for (var seed = 0; seed < 100; seed++)
        {
            var random = new Random(seed);
            var population = OverFlagging(random, 1000, 0.2);
            var truth = population.Average(o => o.Truth ? 1.0 : 0.0);
            var estimate = Correct(population, Sample(OverFlagging(random, 1000, 0.2), 30, random));
            covered += estimate.Low <= truth && truth <= estimate.High ? 1 : 0;
            if (seed == 0)
            {
                Assert.True(population.Average(o => o.Flagged ? 1.0 : 0.0) > truth + 0.15, "the detector over-flags");
                Assert.InRange(estimate.Rate, truth - 0.05, truth + 0.05);
                Assert.True(estimate.Sensitivity > 0.95 && estimate.Specificity < 0.8, $"sensitivity {estimate.Sensitivity}, specificity {estimate.Specificity}");
            }
        }

        Assert.InRange(covered, 90, 100);   // a 95% interval
    }

    [Fact]
    public void ADetectorAtChanceGetsNoWeightAndTheIntervalWidensToWhatTheLabelsAloneShow()
    {
        var covered = 0;
        var widths = new List<double>();
        for (var seed = 0; seed < 100; seed++)
        {
            var random = new Random(seed);
            var population = Chance(random, 1000, 0.3);
            var truth = population.Average(o => o.Truth ? 1.0 : 0.0);
            var labels = Sample(Chance(random, 1000, 0.3), 30, random);
            var estimate = Correct(population, labels);
            covered += estimate.Low <= truth && truth <= estimate.High ? 1 : 0;
            widths.Add(estimate.High - estimate.Low);

            // Labels alone: 90 labels of a ~30% rate give a 95% interval about ±0.095 wide.
            var labelsOnly = 2 * 1.96 * Math.Sqrt(0.3 * 0.7 / labels.Count);
            Assert.InRange(estimate.High - estimate.Low, 0.8 * labelsOnly, 1.3 * labelsOnly);
        }

        Assert.InRange(covered, 90, 100);
    }

    [Fact]
    public void OutputsWhoseTextWasLabelledCountByTheirLabel()
    {
        var labels = Enumerable.Range(0, 40).Select(i => new HumanLabel($"i{i}", $"t{i}", i < 20 ? 0.9 : 0.1, i < 20, i < 20)).ToList();

        // Every output was labelled: the rate is the labels' rate exactly, with no doubt left.
        var estimate = CorrectedRate.Estimate(new HallucinationStrata(), labels, (40, 20));

        Assert.Equal(0.5, estimate.Rate);
        Assert.Equal(0.5, estimate.Low);
        Assert.Equal(0.5, estimate.High);
    }

    [Fact]
    public void AStratumWhoseLabelsAllAgreeStillLeavesDoubt()
    {
        // 100 outputs scored low, 20 labelled, none hallucinated: 0 of 20 cannot show a rate of 0.
        var population = CorrectedRate.Population(Enumerable.Range(0, 100).Select(_ => (0.1, false)));
        var labels = Enumerable.Range(0, 20).Select(i => new HumanLabel($"i{i}", $"t{i}", 0.1, false, false)).ToList();

        var estimate = CorrectedRate.Estimate(population, labels);

        Assert.Equal(0, estimate.Rate, 3);
        Assert.True(estimate.High > 0.05, $"high {estimate.High}");
    }
}
