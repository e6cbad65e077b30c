using SloQuality.Core.Slo;

namespace SloQuality.Core.Tests.Slo;

/// <summary>Hand-built SLOs and slices for fold tests.</summary>
internal static class Slos
{
    public static readonly DateTimeOffset Day = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);

    public static SloDefinition Availability(double objective, SloWindow? window = null) => new()
    {
        Name = "availability",
        Sli = SliKinds.Availability,
        Operator = ">=",
        Target = objective,
        Objective = objective,
        Window = window ?? new SloWindow(SloWindow.Daily),
    };

    public static SliceAggregate Slice(DateTimeOffset start, long items, long unavailable = 0, string target = "sim", string dataset = "qa") => new()
    {
        RunId = "run",
        ModelTarget = target,
        DatasetName = dataset,
        SliceStart = start,
        Items = items,
        Answered = items - unavailable,
        Judged = items - unavailable,
        Unavailable = unavailable,
    };

    public static SloEvaluation FoldOneSlice(SloDefinition slo, long items, long unavailable)
    {
        var set = new SloSet([slo], new AvailabilityCounting());
        return new SloFold(set).Evaluate(slo, "sim", Day, Day.AddDays(1), Day.AddDays(1), [Slice(Day.AddHours(3), items, unavailable)]);
    }
}
