namespace SloQuality.Core.Slo;

/// <summary>
/// Which answers that are not HTTP failures still count against availability: a content-filter
/// refusal, a truncated answer (<c>finish_reason: length</c>), and severe drift (similarity to the
/// baseline under <see cref="SevereDriftBelow"/>). All on by default, each can be turned off.
/// </summary>
public sealed record AvailabilityCounting(bool ContentFilter = true, bool Truncation = true, bool SevereDrift = true)
{
    /// <summary>The similarity under which drift is severe (fixed: slices count such items when written).</summary>
    public const double SevereDriftBelow = 0.5;
}
