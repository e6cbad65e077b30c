namespace SloQuality.Core.Slo;

/// <summary>A stretch of breached slices: from the first breached slice to the first good one after it (null while open).</summary>
public sealed record Incident(DateTimeOffset Start, DateTimeOffset? End)
{
    public double? Minutes => End is { } end ? (end - Start).TotalMinutes : null;
}
