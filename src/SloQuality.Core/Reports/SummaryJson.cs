using System.Text.Json;
using SloQuality.Core.Evaluation;

namespace SloQuality.Core.Reports;

/// <summary>Reads and writes <c>summary.json</c>.</summary>
public static class SummaryJson
{
    public static string Serialize(RunSummary summary) => JsonSerializer.Serialize(summary, SloqJson.Indented);

    public static RunSummary? Deserialize(string json) => JsonSerializer.Deserialize<RunSummary>(json, SloqJson.Indented);
}
