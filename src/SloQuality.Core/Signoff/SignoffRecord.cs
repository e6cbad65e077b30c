namespace SloQuality.Core.Signoff;

/// <summary>A stored sign-off: who, when, which candidate against which baseline, on which dataset versions, with the verdict and every rule.</summary>
public sealed record SignoffRecord(
    string SignoffId,
    DateTimeOffset At,
    string? Approver,
    string Candidate,
    string Baseline,
    IReadOnlyList<SignoffRecord.DatasetRuns> Datasets,
    SignoffVerdict Result)
{
    /// <summary>One dataset version and the two runs compared on it.</summary>
    public sealed record DatasetRuns(string Dataset, string ContentHash, string BaselineRunId, string CandidateRunId, SignoffVerdict Verdict);

    public static string NewId(string candidate, DateTimeOffset at) =>
        $"signoff-{at:yyyyMMdd'T'HHmmss}-{new string(candidate.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray())}-{Guid.NewGuid().ToString("N")[..6]}";
}
