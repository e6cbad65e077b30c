using System.Text.RegularExpressions;
using SloQuality.Core.Datasets;

namespace SloQuality.Core.Scoring;

/// <summary>Passes when the output matches the pattern. A match timeout keeps a hostile pattern from hanging a run.</summary>
public sealed class RegexScorer(string pattern) : IScorer
{
    private readonly Regex regex = Create(pattern);

    public string Name => "regex";

    public static Regex Create(string pattern) =>
        new(pattern, RegexOptions.CultureInvariant | RegexOptions.Multiline, TimeSpan.FromSeconds(1));

    public ScoreResult Score(GoldenItem item, string output)
    {
        try
        {
            return regex.IsMatch(output)
                ? new ScoreResult(Name, 1, true)
                : new ScoreResult(Name, 0, false, $"output does not match /{pattern}/");
        }
        catch (RegexMatchTimeoutException)
        {
            return new ScoreResult(Name, 0, false, $"pattern /{pattern}/ timed out on this output");
        }
    }
}
