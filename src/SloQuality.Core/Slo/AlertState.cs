namespace SloQuality.Core.Slo;

/// <summary>The alert state of an SLO (<c>page</c>, <c>ticket</c> or <c>ok</c>) and each alert's burn rates.</summary>
public sealed record AlertState(string State, IReadOnlyList<AlertCheck> Checks)
{
    public const string Ok = "ok";
}
