using System.Globalization;

namespace SloQuality.Core.Retention;

/// <summary>
/// How long item-level history is kept (<c>SLOQ_RETENTION_DAYS</c>, <c>sloq prune --days</c>). At least a
/// week: a sign-off reuses the baseline's runs of the last 7 days, items and all.
/// </summary>
public sealed record RetentionOptions
{
    public const string Variable = "SLOQ_RETENTION_DAYS";
    public const int MinimumDays = 7;

    private RetentionOptions(int days) => Days = days;

    public int Days { get; }

    /// <summary>Runs started before this are pruned.</summary>
    public DateTimeOffset Cutoff(DateTimeOffset now) => now - TimeSpan.FromDays(Days);

    /// <summary>The options from a number of days as text; the problem names where the text came from.</summary>
    public static (RetentionOptions? Options, string? Problem) Parse(string text, string source) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days is >= MinimumDays and <= 36_500
            ? (new RetentionOptions(days), null)
            : (null, $"{source} '{text}' must be a whole number of days from {MinimumDays} to 36500 (a sign-off reuses the baseline's runs of the last 7 days)");

    /// <summary><c>SLOQ_RETENTION_DAYS</c>: none when unset (history is kept for ever), a problem when not a valid number of days.</summary>
    public static (RetentionOptions? Options, string? Problem) FromEnvironment(Func<string, string?> environment) =>
        environment(Variable) is { Length: > 0 } text ? Parse(text, Variable) : (null, null);
}
