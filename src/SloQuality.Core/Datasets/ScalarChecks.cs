using System.Globalization;

namespace SloQuality.Core.Datasets;

/// <summary>
/// Values no reader may pass on, whatever the format: a number a double cannot hold (<c>1e999</c>
/// would become Infinity and then "NaN" in a score) and a string with a lone UTF-16 surrogate (from an
/// escape such as <c>\ud800</c>; no UTF-8 writer can store it).
/// </summary>
public static class ScalarChecks
{
    public static string? Problem(ScalarNode node) => node switch
    {
        { Kind: ScalarKind.Number, Text: { } text } when !IsFiniteDouble(text) =>
            $"the number {Shorten(text)} is outside the range of a double, expected a finite number",
        { Kind: ScalarKind.String, Text: { } text } when LoneSurrogateAt(text) is { } index =>
            $"the string has a lone UTF-16 surrogate (an escape such as \\ud800 without its pair) at character {index + 1}, expected valid Unicode text",
        _ => null,
    };

    public static bool IsFiniteDouble(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value);

    public static int? LoneSurrogateAt(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return i;
            }
        }

        return null;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
