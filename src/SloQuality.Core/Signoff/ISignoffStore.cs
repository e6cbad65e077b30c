namespace SloQuality.Core.Signoff;

/// <summary>Stored sign-off records (as JSON), listed newest first.</summary>
public interface ISignoffStore
{
    Task SaveSignoffAsync(SignoffRecord record, string json, CancellationToken cancellationToken);

    Task<string?> GetSignoffAsync(string signoffId, CancellationToken cancellationToken);

    Task<IReadOnlyList<(string SignoffId, DateTimeOffset At, string Candidate, string Baseline, string Verdict, string? Approver)>> ListSignoffsAsync(int limit, CancellationToken cancellationToken);
}
