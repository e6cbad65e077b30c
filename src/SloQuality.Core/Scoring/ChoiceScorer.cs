using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SloQuality.Core.Datasets;

namespace SloQuality.Core.Scoring;

/// <summary>
/// Multiple choice, like OpenAI Evals' Match on option letters: the option the output picks (an
/// uppercase letter standing alone: "Answer: B", "(B)", "B.", "The answer is B", or an output that is
/// just the letter) must be one of the expected options. Text normalisation would drop "A" as an
/// article, so option labels are never compared as normalised words.
/// </summary>
public sealed partial class ChoiceScorer(IReadOnlyList<string>? expected = null) : IScorer
{
    public string Name => "choice";

    /// <summary>A reference that is an option label: one letter, optionally in parentheses or followed by '.', ')' or ':'.</summary>
    public static bool IsOptionLabel(string reference) => Label().IsMatch(reference.Trim());

    /// <summary>The option the output picks, upper case, or null when it names none.</summary>
    public static string? Picked(string output)
    {
        var text = output.Trim();
        if (Label().Match(text) is { Success: true } whole)
        {
            return whole.Groups["letter"].Value.ToUpperInvariant();
        }

        if (Stated().Match(text) is { Success: true } stated)
        {
            return stated.Groups["letter"].Value;
        }

        if (Leading().Match(text) is { Success: true } leading)
        {
            return leading.Groups["letter"].Value;
        }

        return Parenthesised().Match(text) is { Success: true } inParentheses ? inParentheses.Groups["letter"].Value : null;
    }

    public ScoreResult Score(GoldenItem item, string output)
    {
        var options = (expected ?? item.Reference).Select(r => Label().Match(r.Trim()) is { Success: true } m ? m.Groups["letter"].Value.ToUpperInvariant() : r.Trim().ToUpperInvariant()).ToList();
        var picked = Picked(output);
        if (picked is null)
        {
            return new ScoreResult(Name, 0, false, $"the output picks no option (a letter standing alone), expected {string.Join(" or ", options)}");
        }

        return options.Contains(picked, StringComparer.Ordinal)
            ? new ScoreResult(Name, 1, true)
            : new ScoreResult(Name, 0, false, $"the output picks {picked}, expected {string.Join(" or ", options)}");
    }

    internal static string? Validate(JsonNode? value) => value switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => IsOptionLabel(s) ? null : $"'choice' value \"{s}\" is not an option label, expected one letter such as \"B\"",
        JsonArray a when a.All(n => n is JsonValue e && e.TryGetValue<string>(out var s) && IsOptionLabel(s)) && a.Count > 0 => null,
        _ => "'choice' value must be an option letter or a list of them",
    };

    [GeneratedRegex(@"^\(?(?<letter>[A-Za-z])\)?[.):]?$")]
    private static partial Regex Label();

    /// <summary>"Answer: B", "the answer is (B)", "Option B": the keyword in any case, the letter upper case.</summary>
    [GeneratedRegex(@"\b(?i:answer|option|choice)(?i:\s+is)?\s*[:\-]?\s*\(?(?<letter>[A-Z])\)?(?![A-Za-z])")]
    private static partial Regex Stated();

    /// <summary>An output that starts with the letter: "B. Paris", "B) Paris", "B: Paris" (not "A dog").</summary>
    [GeneratedRegex(@"^\(?(?<letter>[A-Z])(?:\)|[.:]|\s*$|\s+-)")]
    private static partial Regex Leading();

    [GeneratedRegex(@"\((?<letter>[A-Z])\)")]
    private static partial Regex Parenthesised();
}
