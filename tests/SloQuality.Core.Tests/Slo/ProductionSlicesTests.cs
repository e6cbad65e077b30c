using SloQuality.Core.Slo;

namespace SloQuality.Core.Tests.Slo;

public sealed class ProductionSlicesTests
{
    private static readonly DateTimeOffset Day = Slos.Day;

    private static SliceAggregate Production(DateTimeOffset start, long requests, long failed, params double[] ttftMs)
    {
        var slice = new SliceAggregate
        {
            RunId = "prometheus:sim",
            ModelTarget = "sim",
            DatasetName = string.Empty,
            SliceStart = start,
            Source = SliceSources.Prometheus,
            Items = requests,
            Answered = requests - failed,
            Unavailable = failed,
        };
        foreach (var ms in ttftMs)
        {
            slice.Ttft.Add(ms);
        }

        return slice;
    }

    private static SloEvaluation Evaluate(SloDefinition slo, params SliceAggregate[] slices) =>
        new SloFold(new SloSet([slo], new AvailabilityCounting())).Evaluate(slo, "sim", Day, Day.AddDays(1), Day.AddDays(1), slices);

    [Fact]
    public void ProductionRequestsFoldIntoAvailabilityWithTheReplaysAndAreMarkedBySource()
    {
        var evaluation = Evaluate(Slos.Availability(0.99), Slos.Slice(Day.AddHours(1), 100, unavailable: 1), Production(Day.AddHours(2), 900, failed: 9));

        Assert.Equal(1000, evaluation.N);
        Assert.Equal(0.99, evaluation.Value!.Value, 12);
        Assert.Equal(["prometheus", "replay"], evaluation.Sources);
    }

    [Fact]
    public void ProductionTrafficNeverCountsTowardCorrectnessWhichNeedsAGoldenAnswer()
    {
        var slo = new SloDefinition { Name = "correct", Sli = SliKinds.CorrectnessRate, Operator = ">=", Target = 0.9, Objective = 0.9, Window = new SloWindow(SloWindow.Daily) };
        var replay = Slos.Slice(Day.AddHours(1), 100);
        replay.Correct = 95;

        var evaluation = Evaluate(slo, replay, Production(Day.AddHours(2), 5000, failed: 0));

        Assert.Equal(100, evaluation.N);
        Assert.Equal(0.95, evaluation.Value!.Value, 12);
        Assert.Equal(["replay"], evaluation.Sources);
    }

    [Fact]
    public void AnSloScopedToADatasetLeavesProductionTrafficOut()
    {
        var slo = Slos.Availability(0.99) with { Scope = new SloScope([], ["qa"]) };

        var evaluation = Evaluate(slo, Slos.Slice(Day.AddHours(1), 100), Production(Day.AddHours(2), 900, failed: 900));

        Assert.Equal(100, evaluation.N);
        Assert.Equal(1.0, evaluation.Value!.Value, 12);
    }

    [Fact]
    public void ProductionLatencyFoldsIntoTheTtftPercentile()
    {
        var slo = new SloDefinition { Name = "ttft", Sli = "ttft_p50", Operator = "<", Target = 500, Objective = 0.5, Window = new SloWindow(SloWindow.Daily) };

        var evaluation = Evaluate(slo, Production(Day.AddHours(2), 3, 0, 100, 200, 300));

        Assert.Equal(3, evaluation.N);
        Assert.Equal(200, evaluation.Value!.Value, 200 * 0.01);
    }
}
