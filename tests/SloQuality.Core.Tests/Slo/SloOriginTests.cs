using SloQuality.Core.Evaluation;
using SloQuality.Core.Slo;

namespace SloQuality.Core.Tests.Slo;

/// <summary>Which runs an SLO counts: production's by default, never a sign-off's unless slos.yaml says so.</summary>
public sealed class SloOriginTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private static SliceAggregate Slice(string origin, long unavailable) => new()
    {
        RunId = origin,
        ModelTarget = "sim",
        DatasetName = "qa",
        SliceStart = Slos.Day.AddHours(3),
        Origin = origin,
        Items = 100,
        Answered = 100 - unavailable,
        Judged = 100 - unavailable,
        Unavailable = unavailable,
    };

    private static SloEvaluation Fold(SloDefinition slo, params SliceAggregate[] slices) =>
        new SloFold(new SloSet([slo], new AvailabilityCounting())).Evaluate(slo, "sim", Slos.Day, Slos.Day.AddDays(1), Slos.Day.AddDays(1), slices);

    [Fact]
    public void ASignoffRunIsNotCountedByDefaultButScheduledApiAndCliRunsAre()
    {
        var slo = Slos.Availability(0.99);

        var evaluation = Fold(slo, Slice(RunOrigins.Schedule, 0), Slice(RunOrigins.Api, 0), Slice(RunOrigins.Cli, 0), Slice(RunOrigins.Signoff, 100));

        Assert.Equal(300, evaluation.N);
        Assert.Equal(1.0, evaluation.Value);
    }

    [Fact]
    public void AnSloThatNamesItsOriginsCountsThoseOnly()
    {
        var slo = Slos.Availability(0.99) with { Scope = SloScope.All with { Origins = [RunOrigins.Signoff] } };

        var evaluation = Fold(slo, Slice(RunOrigins.Schedule, 0), Slice(RunOrigins.Signoff, 50));

        Assert.Equal(100, evaluation.N);
        Assert.Equal(0.5, evaluation.Value);
    }

    [Fact]
    public void OriginsAreReadFromSlosYamlAndWrittenBackInBothForms()
    {
        var path = folder.Write("slos.yaml", """
            slos:
              - name: candidates
                sli: availability
                op: ">="
                target: 0.99
                window: daily
                scope: { origins: [signoff, cli] }
            """);

        var (set, problems) = SloCatalog.LoadFile(path);

        Assert.Empty(problems);
        Assert.Equal([RunOrigins.Signoff, RunOrigins.Cli], set.Slos.Single().Scope.Origins);
        var again = SloCatalog.LoadFile(folder.Write("again.yaml", SloYamlWriter.Write(set.Slos))).Set;
        Assert.Equal(set.Slos.Single().Scope.Origins, again.Slos.Single().Scope.Origins);
        var imported = OpenSlo.Import(folder.Write("openslo.yaml", OpenSlo.Export(set.Slos)));
        Assert.Empty(imported.Problems);
        Assert.Equal(set.Slos.Single().Scope.Origins, imported.Slos.Single().Scope.Origins);
    }

    [Fact]
    public void AnUnknownOriginIsRefusedWithItsLineAndASuggestion()
    {
        var path = folder.Write("slos.yaml", """
            slos:
              - name: candidates
                sli: availability
                op: ">="
                target: 0.99
                window: daily
                scope:
                  origins:
                    - schedule
                    - sigoff
            """);

        var (_, problems) = SloCatalog.LoadFile(path);

        var problem = Assert.Single(problems);
        Assert.Equal($"{path}:10: unknown origin 'sigoff' in scope.origins (did you mean 'signoff'?), expected any of schedule, api, cli, signoff, production", problem.ToString());
    }
}
