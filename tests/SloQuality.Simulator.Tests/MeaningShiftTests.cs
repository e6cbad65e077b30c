using SloQuality.Core.Datasets;

namespace SloQuality.Simulator.Tests;

public sealed class MeaningShiftTests
{
    private static readonly GoldenDataset Set = new(
        "set",
        "set.jsonl",
        string.Empty,
        Enumerable.Range(0, 40).Select(i => new GoldenItem
        {
            Id = $"q{i}",
            Input = [new ChatMessage("user", $"Question number {i}?")],
            Reference = [$"Answer number {i}."],
        }).ToList(),
        "hash");

    private static AnswerBook Book()
    {
        var book = new AnswerBook();
        book.Add(Set);
        return book;
    }

    [Fact]
    public void ExactlyTheConfiguredShareOfItemsShiftsToAnotherItemsAnswer()
    {
        var book = Book();
        var profile = new SimulatorProfile { Model = "m", Seed = 3, MeaningShiftRate = 0.15 };

        var shifted = Set.Items.Select(i => (Item: i, Answer: book.ShiftedAnswer(i, profile))).Where(x => x.Answer is not null).ToList();

        Assert.Equal(6, shifted.Count);
        Assert.All(shifted, x =>
        {
            Assert.NotEqual(x.Item.Reference[0], x.Answer);
            Assert.Contains(x.Answer, Set.Items.Select(i => i.Reference[0]));
        });
    }

    [Fact]
    public void AShiftedItemGivesTheSameAnswerEveryTimeAndTheSeedPicksTheItems()
    {
        var book = Book();
        var first = new SimulatorProfile { Model = "m", Seed = 3, MeaningShiftRate = 0.15 };
        var other = first with { Seed = 4 };

        var once = Set.Items.Select(i => book.ShiftedAnswer(i, first)).ToList();
        var again = Set.Items.Select(i => book.ShiftedAnswer(i, first)).ToList();
        var otherSeed = Set.Items.Select(i => book.ShiftedAnswer(i, other)).ToList();

        Assert.Equal(once, again);
        Assert.NotEqual(once.Select(a => a is null), otherSeed.Select(a => a is null));
        Assert.All(Set.Items, i => Assert.Null(book.ShiftedAnswer(i, first with { MeaningShiftRate = 0 })));
    }
}
