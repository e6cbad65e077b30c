namespace SloQuality.Cli;

/// <summary>The exit codes of <c>sloq</c> (contract 4 of DESIGN.md).</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int VerdictAgainst = 1;
    public const int BadInput = 2;
    public const int Infrastructure = 3;
}
