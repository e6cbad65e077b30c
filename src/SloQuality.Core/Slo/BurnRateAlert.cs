namespace SloQuality.Core.Slo;

/// <summary>
/// One multiwindow burn-rate alert: it fires when the burn rate over both the long and the short
/// window exceeds <see cref="Factor"/>. The factor spends <see cref="BudgetShare"/> of the period's
/// budget within the long window: factor = share × period / long window.
/// </summary>
public sealed record BurnRateAlert(string Severity, TimeSpan LongWindow, TimeSpan ShortWindow, double BudgetShare, double Factor)
{
    public const string Page = "page";
    public const string Ticket = "ticket";
}
