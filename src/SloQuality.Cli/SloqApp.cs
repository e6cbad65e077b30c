using System.CommandLine;
using System.CommandLine.Help;
using SloQuality.Cli.Commands;
using SloQuality.Cli.Parsing;

namespace SloQuality.Cli;

/// <summary>
/// The <c>sloq</c> command line on System.CommandLine: each command declares its options (with their
/// descriptions and defaults) beside its code; this puts them together, reports every problem of a
/// command line at once, and maps failures to the exit codes of DESIGN.md's contract 4.
/// </summary>
public static class SloqApp
{
    private const string Description = """
        sloq: LLM quality and latency SLOs from golden datasets.
        'sloq COMMAND --help' describes a command's options; the README walks through them.

        exit codes: 0 success, 1 verdict against, 2 bad input or configuration, 3 infrastructure failure
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        stdout = TerminalSafeWriter.Wrap(stdout);
        stderr = TerminalSafeWriter.Wrap(stderr);
        args = args switch
        {
            [] => ["--help"],
            ["help", .. var rest] => [.. rest, "--help"],
            _ => args,
        };

        // A dataset path may start with '@': no response files.
        var result = Root(stdout, stderr).Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        try
        {
            if (result.Errors.Count > 0)
            {
                return ParseProblems.Report(result, stderr);
            }

            // Ctrl+C and SIGTERM are Program's: the token reaches every command, which flushes its store.
            var invocation = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
            return await result.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
        }
        catch (UsageException e)
        {
            await stderr.WriteLineAsync($"sloq: {e.Message}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await stderr.WriteLineAsync("sloq: cancelled").ConfigureAwait(false);
            return ExitCodes.Infrastructure;
        }
    }

    /// <summary>Every command of <c>sloq</c> with its options, writing to these writers when run.</summary>
    internal static Command Root(TextWriter stdout, TextWriter stderr)
    {
        // Named sloq whatever runs it (the tool, dotnet sloq.dll, a test host), so help and hints say 'sloq ...'.
        var root = new Command("sloq", Description) { Options = { new HelpOption(), new VersionOption() } };
        Command[] commands =
        [
            EvaluateCommand.Definition(stdout, stderr),
            BaselineCommand.Definition(stdout, stderr),
            SloCommand.Definition(stdout, stderr),
            ReportCommand.Definition(stdout, stderr),
            SignoffCommand.Definition(stdout, stderr),
            CompareCommand.Definition(stdout, stderr),
            HitlCommand.Definition(stdout, stderr),
            DetectorCommand.Definition(stdout, stderr),
            CommandSymbols.Group("datasets", "Golden dataset files.", ValidateCommand.Definition(stdout, stderr)),
            PruneCommand.Definition(stdout, stderr),
            SimulateCommand.Definition(stdout, stderr),
        ];
        foreach (var command in commands)
        {
            root.Subcommands.Add(command);
        }

        return root;
    }
}
