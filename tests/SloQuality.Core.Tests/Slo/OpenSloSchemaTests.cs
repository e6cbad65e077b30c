using System.Text.Json;
using Json.Schema;
using SloQuality.Core.Datasets;
using SloQuality.Core.Slo;
using SloQuality.Core.Yaml;
using SloQuality.Tests.Shared;

namespace SloQuality.Core.Tests.Slo;

/// <summary>Every SLO we export is valid against OpenSLO v1's own JSON schema (read from ../shared).</summary>
public sealed class OpenSloSchemaTests
{
    [Fact]
    public void EveryExportedSloOfEveryKindIsValidAgainstOpenSlosSchema()
    {
        var (set, problems) = SloCatalog.Load(Path.Combine(RepositoryRoot.Path, "jobs"));
        Assert.Empty(problems);
        Assert.Contains(set.Slos, s => s.Budgeting.Method == SloBudgeting.Timeslices);
        Assert.Contains(set.Slos, s => s.Window.IsCalendar);
        Assert.Contains(set.Slos, s => !s.Window.IsCalendar);
        Assert.Contains(set.Slos, s => s.Objective >= 1);

        AssertValid(set.Slos);
    }

    [Fact]
    public void CalendarMonthsQuartersAndYearsWithAStartExportValidAndComeBackTheSame()
    {
        var month = new SloDefinition { Name = "availability-month", Sli = SliKinds.Availability, Operator = ">=", Target = 0.99, Objective = 0.999, Window = new SloWindow(SloWindow.Monthly, null, "Europe/Berlin") { Start = new DateTime(2024, 2, 15, 6, 0, 0) } };
        var slos = new[]
        {
            month,
            month with { Name = "availability-quarter", Window = new SloWindow(SloWindow.Quarterly, null, "America/New_York") },
            month with { Name = "availability-year", Window = new SloWindow(SloWindow.Yearly) { Start = new DateTime(2024, 4, 1) } },
            month with { Name = "availability-week", Window = new SloWindow(SloWindow.Weekly) { Start = new DateTime(2024, 1, 3, 9, 0, 0) } },
        };

        AssertValid(slos);
        using var folder = new TempFolder();
        var (back, problems) = OpenSlo.Import(folder.Write("calendars.yaml", OpenSlo.Export(slos)));

        Assert.Empty(problems);
        Assert.Equal(slos.Select(s => s.Window), back.Select(s => s.Window));
        // And through slos.yaml, as `sloq slo import` writes it.
        var (set, yamlProblems) = SloCatalog.LoadFile(folder.Write("slos.yaml", SloYamlWriter.Write(back)));
        Assert.Empty(yamlProblems);
        Assert.Equal(slos.Select(s => s.Window), set.Slos.Select(s => s.Window));
    }

    private static void AssertValid(IReadOnlyList<SloDefinition> slos)
    {
        var schema = OpenSloSchema();
        var documents = YamlNodeReader.ParseAll("export.yaml", OpenSlo.Export(slos), problems: []);

        Assert.Equal(slos.Count, documents.Count);
        var failures = documents.Select(d =>
        {
            using var json = JsonDocument.Parse(DataNodeJson.ToJson(d)!.ToJsonString());
            var result = schema.Evaluate(json.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            var name = json.RootElement.GetProperty("metadata").GetProperty("name").GetString();
            return result.IsValid ? null : $"{name}: " + string.Join("; ", (result.Details ?? []).Where(x => x.Errors is { Count: > 0 }).SelectMany(x => x.Errors!.Select(e => $"{x.InstanceLocation}: {e.Value}")).Where(m => !m.StartsWith("/kind", StringComparison.Ordinal)).Take(8));
        }).OfType<string>().ToList();
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>The schema's parts are registered by their <c>$id</c> (they reference each other), then the root.</summary>
    private static JsonSchema OpenSloSchema()
    {
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        var pending = Directory.GetFiles(SharedReferenceData.Path("openslo-v1-schema", "parts"), "*.json").Order(StringComparer.Ordinal).ToList();
        for (var pass = 0; pending.Count > 0 && pass < 20; pass++)
        {
            pending = pending.Where(file =>
            {
                try
                {
                    options.SchemaRegistry.Register(JsonSchema.FromText(File.ReadAllText(file), options));
                    return false;
                }
                catch (Exception e) when (e is JsonSchemaException or InvalidOperationException or KeyNotFoundException or RefResolutionException)
                {
                    return true;
                }
            }).ToList();
        }

        Assert.Empty(pending);
        return JsonSchema.FromText(File.ReadAllText(SharedReferenceData.Path("openslo-v1-schema", "openslo.schema.json")), options);
    }
}
