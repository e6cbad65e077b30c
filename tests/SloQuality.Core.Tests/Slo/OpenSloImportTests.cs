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

    private (SloDefinition? Slo, IReadOnlyList<string> Problems) ImportOne(string file, string window, string objective = Objective, string budgeting = "Occurrences", string? source = null)
    {
        var text = Slo("w", window, objective, budgeting);
        if (source is not null)
        {
            text = text.Replace("metricSource: { type: SloQuality, spec: { sli: availability } }", source, StringComparison.Ordinal);
        }

        var (slos, problems) = OpenSlo.Import(folder.Write(file, text));
        return (slos.SingleOrDefault(), problems.Select(p => p.ToString()).ToList());
    }

    [Fact]
    public void ACalendarMonthWithAStartTimeAndTimeZoneBeginsAtThatTimeEveryMonth()
    {
        var (slo, problems) = ImportOne("month.yaml", "    - { duration: 1M, calendar: { startTime: \"2024-02-15 06:00:00\", timeZone: Europe/Berlin } }");

        Assert.Empty(problems);
        Assert.Equal(new SloWindow(SloWindow.Monthly, null, "Europe/Berlin") { Start = new DateTime(2024, 2, 15, 6, 0, 0) }, slo!.Window);
        // 15 March 06:00 in Berlin (UTC+1) to 15 April 06:00 (UTC+2, after the change to summer time).
        Assert.Equal((new DateTimeOffset(2026, 3, 15, 5, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 4, 15, 4, 0, 0, TimeSpan.Zero)), SloWindows.Containing(slo.Window, new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData("1Q", "2026-05-10", "2026-04-01", "2026-07-01")]
    [InlineData("1Y", "2026-05-10", "2026-01-01", "2027-01-01")]
    [InlineData("1M", "2026-02-28", "2026-02-01", "2026-03-01")]
    [InlineData("1w", "2026-12-02", "2026-11-30", "2026-12-07")]
    public void CalendarQuartersYearsMonthsAndWeeksFollowTheCalendar(string duration, string at, string start, string end)
    {
        var (slo, problems) = ImportOne($"calendar-{duration}.yaml", $"    - {{ duration: {duration}, calendar: {{ startTime: \"2024-01-01 00:00:00\", timeZone: Etc/UTC }} }}");

        Assert.Empty(problems);
        var window = SloWindows.Containing(slo!.Window, DateTimeOffset.Parse(at + "T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal((DateTimeOffset.Parse(start + "T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.Parse(end + "T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture)), window);
    }

    [Theory]
    [InlineData("1M", 30)]
    [InlineData("1Q", 90)]
    [InlineData("2w", 14)]
    [InlineData("36h", 1.5)]
    public void RollingWindowsTakeEveryDurationUnit(string duration, double days)
    {
        var (slo, problems) = ImportOne($"rolling-{duration}.yaml", $"    - {{ duration: {duration}, isRolling: true }}");

        Assert.Empty(problems);
        Assert.Equal(new SloWindow(SloWindow.RollingKind, TimeSpan.FromDays(days)), slo!.Window);
    }

    [Fact]
    public void AFoldOverACalendarMonthBudgetsTheMonthItIs()
    {
        var slo = Slos.Availability(0.999) with { Window = new SloWindow(SloWindow.Monthly) };
        var fold = new SloFold(new SloSet([slo], new AvailabilityCounting()));
        var at = new DateTimeOffset(2026, 2, 10, 0, 0, 0, TimeSpan.Zero);
        var february = SloWindows.Containing(slo.Window, at);
        var march = SloWindows.Containing(slo.Window, at.AddMonths(1));

        var inFebruary = fold.Evaluate(slo, "sim", february.Start, february.End, at, [Slos.Slice(at.AddHours(-1), 100)]);
        var inMarch = fold.Evaluate(slo, "sim", march.Start, march.End, at.AddMonths(1), [Slos.Slice(at.AddMonths(1).AddHours(-1), 100)]);

        Assert.Equal(0.001 * 28 * 24 * 60, inFebruary.Budget.TotalMinutes!.Value, 6);
        Assert.Equal(0.001 * 31 * 24 * 60, inMarch.Budget.TotalMinutes!.Value, 6);
        Assert.Equal("monthly (UTC)", inMarch.Window);
    }

    [Theory]
    [InlineData("    - { duration: 30m, isRolling: true }", 13, "SLO 'w': a rolling spec.timeWindow[0].duration of 30m cannot be honoured: SloQuality's rolling windows are 1h or longer in whole 5-minute steps, such as 1h, 7d, 28d or 1M")]
    [InlineData("    - { duration: 2w, isRolling: false }", 13, "SLO 'w': a calendar spec.timeWindow[0].duration of 2w is not supported; calendar windows are 1d, 1w, 1M, 1Q or 1Y")]
    [InlineData("    - { duration: 30 days, isRolling: true }", 13, "SLO 'w': spec.timeWindow[0].duration '30 days' is not an OpenSLO duration: a whole number and one of m h d w M Q Y, such as 28d or 1M")]
    [InlineData("    - duration: 1M\n      calendar:\n        startTime: \"next monday\"\n        timeZone: Etc/UTC", 15, "SLO 'w': spec.timeWindow[0].calendar.startTime 'next monday' is not a date and time such as 2024-01-01 00:00:00")]
    [InlineData("    - duration: 1M\n      calendar:\n        timeZone: Mars/Olympus", 15, "SLO 'w': spec.timeWindow[0].calendar.timeZone 'Mars/Olympus' is not a known time zone, expected an IANA name such as Europe/Berlin or Etc/UTC")]
    public void WindowsThatCannotBeHonouredAreRefusedAtTheirOwnLineInOpenSlosTerms(string window, int line, string message)
    {
        var (slo, problems) = ImportOne("bad-window.yaml", window);

        Assert.Null(slo);
        Assert.Equal([$"{Path.Combine(folder.Path, "bad-window.yaml")}:{line}: {message}"], problems);
    }

    [Fact]
    public void ATimeSliceShorterThanOurFiveMinuteSlicesIsRefusedAtItsLine()
    {
        var (slo, problems) = ImportOne("slice.yaml", Rolling, "    - op: gte\n      value: 0.99\n      target: 0.95\n      timeSliceWindow: 1m", budgeting: "Timeslices");

        Assert.Null(slo);
        Assert.Equal([$"{Path.Combine(folder.Path, "slice.yaml")}:18: SLO 'w': spec.objectives[0].timeSliceWindow '1m' cannot be honoured: SloQuality's slices are 5 minutes, so a time slice is 5m or a whole number of them (5m, 15m, 1h, 1d)"], problems);
    }

    [Fact]
    public void AMetricSourceOtherThanSloQualityIsRefusedAtItsTypeLine()
    {
        var (slo, problems) = ImportOne("prometheus.yaml", Rolling, source: "metricSource:\n            type: Prometheus\n            spec: { query: up }");

        Assert.Null(slo);
        Assert.Single(problems);
        Assert.StartsWith($"{Path.Combine(folder.Path, "prometheus.yaml")}:11: SLO 'w': spec.indicator.spec.thresholdMetric.metricSource.type 'Prometheus' is not supported", problems[0]);
        Assert.Contains("use type SloQuality with spec.sli one of", problems[0]);
    }

    [Fact]
    public void ARatioMetricIsRefusedAtItsLine()
    {
        var text = Slo("w", Rolling, Objective).Replace("thresholdMetric:\n", "ratioMetric:\n", StringComparison.Ordinal);
        var path = folder.Write("ratio-metric.yaml", text);

        var (slos, problems) = OpenSlo.Import(path);

        Assert.Empty(slos);
        var problem = Assert.Single(problems).ToString();
        // The block under ratioMetric (line 9) begins at line 10.
        Assert.True(problem.StartsWith($"{path}:10: SLO 'w': spec.indicator.spec.ratioMetric is not supported", StringComparison.Ordinal), problem);
    }
}
