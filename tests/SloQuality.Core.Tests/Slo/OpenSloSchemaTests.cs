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
        var schema = OpenSloSchema();

        var documents = YamlNodeReader.ParseAll("export.yaml", OpenSlo.Export(set.Slos), problems: []);

        Assert.Equal(set.Slos.Count, documents.Count);
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
