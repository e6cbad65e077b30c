using System.Text.Json;
using SloQuality.Core.Text;

namespace SloQuality.Core.Scoring;

/// <summary>
/// Finds the JSON document in a model output. Models often wrap JSON in a Markdown code fence; the
/// fence is not part of the answer, so it is removed before parsing.
/// </summary>
internal static class JsonOutput
{
    public static JsonDocument? TryParse(string output, out string? error)
    {
        var text = StripFence(output.Trim());
        try
        {
            error = null;
            return JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            error = "output is not valid JSON " + JsonErrors.Describe(e);
            return null;
        }
    }

    private static string StripFence(string text)
    {
        if (!text.StartsWith("```", StringComparison.Ordinal))
        {
            return text;
        }

        var firstNewline = text.IndexOf('\n');
        var closing = text.LastIndexOf("```", StringComparison.Ordinal);
        return firstNewline > 0 && closing > firstNewline ? text[(firstNewline + 1)..closing].Trim() : text;
    }
}
