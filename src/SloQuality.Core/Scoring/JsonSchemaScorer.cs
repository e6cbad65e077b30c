using Json.Schema;
using SloQuality.Core.Datasets;

namespace SloQuality.Core.Scoring;

/// <summary>Passes when the output is JSON that validates against the schema; the reason lists the first errors.</summary>
public sealed class JsonSchemaScorer(JsonSchema schema) : IScorer
{
    public string Name => "json-schema";

    public ScoreResult Score(GoldenItem item, string output)
    {
        using var document = JsonOutput.TryParse(output, out var error);
        if (document is null)
        {
            return new ScoreResult(Name, 0, false, error);
        }

        EvaluationResults results;
        try
        {
            results = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        }
        catch (Exception e) when (e is JsonSchemaException or InvalidOperationException or ArgumentException or FormatException or KeyNotFoundException)
        {
            // A schema that passed load-time checks and still cannot evaluate scores this item, not the run.
            return new ScoreResult(Name, 0, false, $"the JSON schema could not be evaluated: {e.Message}");
        }

        if (results.IsValid)
        {
            return new ScoreResult(Name, 1, true);
        }

        var errors = (results.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{(d.InstanceLocation.ToString() is "" ? "/" : d.InstanceLocation.ToString())}: {e.Value}"))
            .Take(3)
            .ToList();
        return new ScoreResult(Name, 0, false, "schema violations: " + (errors.Count > 0 ? string.Join("; ", errors) : "the output does not match"));
    }
}
