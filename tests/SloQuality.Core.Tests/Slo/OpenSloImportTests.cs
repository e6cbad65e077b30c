using SloQuality.Core.Slo;

namespace SloQuality.Core.Tests.Slo;

/// <summary>OpenSLO documents in the forms the spec allows, read as the spec says.</summary>
public sealed class OpenSloImportTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private static string Slo(string name, string window, string objectives, string budgeting = "Occurrences", string sli = "availability") => $"""
        apiVersion: openslo/v1
        kind: SLO
        metadata: {"{"} name: {name} {"}"}
        spec:
          service: web
          indicator:
            metadata: {"{"} name: i {"}"}
            spec:
              thresholdMetric:
                metricSource: {"{"} type: SloQuality, spec: {"{"} sli: {sli} {"}"} {"}"}
          budgetingMethod: {budgeting}
          timeWindow:
        {window}
          objectives:
        {objectives}
        """;

    private const string Rolling = "    - { duration: 30d, isRolling: true }";
    private const string Objective = "    - { op: gte, value: 0.99, target: 0.99 }";

    [Fact]
    public void SlosListedInOneYamlSequenceAreAllRead()
    {
        var one = Slo("a", Rolling, Objective).Replace("\n", "\n  ");
        var two = Slo("b", Rolling, Objective).Replace("\n", "\n  ");
        var path = folder.Write("list.yaml", $"- {one}\n- {two}\n");

        var (slos, problems) = OpenSlo.Import(path);

        Assert.Empty(problems);
        Assert.Equal(["a", "b"], slos.Select(s => s.Name));
    }

    [Fact]
    public void ACalendarWindowWithoutIsRollingIsACalendarWindow()
    {
        var path = folder.Write("calendar.yaml", Slo("daily", "    - { duration: 1d, calendar: { startTime: \"2024-01-01 00:00:00\", timeZone: Etc/UTC } }", Objective));

        var slo = Assert.Single(OpenSlo.Import(path).Slos);

        Assert.True(slo.Window.IsCalendar);
        Assert.Equal("UTC", slo.Window.TimeZone);
    }

    [Fact]
    public void SeveralObjectivesBecomeOneSloEachNamedAfterTheObjective()
    {
        var path = folder.Write("two.yaml", Slo("web", Rolling, "    - { displayName: strict, op: gte, value: 0.999, target: 0.99 }\n    - { displayName: loose, op: gte, value: 0.99, target: 0.95 }"));

        var (slos, problems) = OpenSlo.Import(path);

        Assert.Empty(problems);
        Assert.Equal(["web-strict", "web-loose"], slos.Select(s => s.Name));
        Assert.Equal([0.99, 0.95], slos.Select(s => s.Objective));
    }

    [Fact]
    public void RatioTimeslicesIsRefusedAtItsLineInsteadOfReadAsOccurrences()
    {
        var path = folder.Write("ratio.yaml", Slo("r", Rolling, Objective, budgeting: "RatioTimeslices"));

        var (slos, problems) = OpenSlo.Import(path);

        Assert.Empty(slos);
        Assert.Equal([$"{path}:11: SLO 'r': budgetingMethod 'RatioTimeslices' is not supported, expected Occurrences or Timeslices (RatioTimeslices needs per-slice ratios, which SloQuality's slices do not keep)"], problems.Select(p => p.ToString()));
    }

    [Fact]
    public void ATimeSliceTargetOfARateSliIsThePerSliceCondition()
    {
        var path = folder.Write("slices.yaml", Slo("s", Rolling, "    - { op: gte, value: 0.99, target: 0.95, timeSliceWindow: 1h, timeSliceTarget: 0.9 }", budgeting: "Timeslices"));

        var slo = Assert.Single(OpenSlo.Import(path).Slos);

        Assert.Equal(SloBudgeting.Timeslices, slo.Budgeting.Method);
        Assert.Equal(0.9, slo.Budgeting.SliceTarget);
    }
}
