using SloQuality.Core.Evaluation;

namespace SloQuality.Core.Tests.Evaluation;

public sealed class RepeatStatisticsTests
{
    private static ItemResult Result(string item, int repeat, bool? correct, bool? hallucinated = false, string? error = null) => new()
    {
        RunId = "run",
        ItemId = item,
        RepeatIndex = repeat,
        Correct = correct,
        Hallucinated = correct is null ? null : hallucinated,
        Error = error,
    };

    [Fact]
    public void PassAt1IsTheMeanShareAndPassAllKNeedsEveryRepeatAndFlakyItemsChangedTheirVerdict()
    {
        var results = new[]
        {
            Result("a", 0, true), Result("a", 1, true), Result("a", 2, true),
            Result("b", 0, true), Result("b", 1, false, hallucinated: true), Result("b", 2, true),
            Result("c", 0, false), Result("c", 1, false), Result("c", 2, false),
        };

        var stats = RepeatStatistics.From(3, results)!;

        Assert.Equal((1 + (2 / 3.0) + 0) / 3, stats.Correctness.PassAt1.Mean!.Value, 9);
        Assert.Equal(3, stats.Correctness.PassAt1.N);
        Assert.Equal(1, stats.Correctness.PassAllK.Successes);
        Assert.Equal(3, stats.Correctness.PassAllK.N);
        Assert.Equal(["b"], stats.Correctness.FlakyItems);
        Assert.Equal(1 / 3.0, stats.Correctness.Flaky.Rate!.Value, 9);
        Assert.Equal(["b"], stats.NoHallucination.FlakyItems);
        Assert.Equal(2, stats.NoHallucination.PassAllK.Successes);   // a and c never hallucinated
    }

    [Fact]
    public void AnItemWithAFailedCallIsLeftOutOfPassAllKAndCountedIncomplete()
    {
        var results = new[]
        {
            Result("a", 0, true), Result("a", 1, null, error: "timeout"),
            Result("b", 0, true), Result("b", 1, true),
        };

        var stats = RepeatStatistics.From(2, results)!;

        Assert.Equal(1, stats.Correctness.IncompleteItems);
        Assert.Equal(1, stats.Correctness.PassAllK.N);
        Assert.Empty(stats.Correctness.FlakyItems);
    }

    [Fact]
    public void ASingleRepeatHasNoRepeatStatistics() => Assert.Null(RepeatStatistics.From(1, [Result("a", 0, true)]));
}
