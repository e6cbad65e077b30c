using System.CommandLine;
using System.CommandLine.Parsing;
using SloQuality.Core.Text;

namespace SloQuality.Cli.Parsing;

/// <summary>
/// Every problem of a command line at once, each on its own line with a suggestion where a name was
/// misspelt ("unknown option '--datset' (did you mean '--dataset'?)"), then where the help is. The
/// library's own typo list would also suggest options for an unknown option's value; ours skips it.
/// </summary>
internal static class ParseProblems
{
    public static int Report(ParseResult result, TextWriter stderr)
    {
        var command = result.CommandResult.Command;
        var path = CommandPath(result.CommandResult);
        var lines = new List<string>();
        var unknownCommand = false;
        var afterUnknownOption = false;
        foreach (var token in result.UnmatchedTokens)
        {
            if (token.StartsWith('-') && token.Length > 1)
            {
                lines.Add($"unknown option '{token}'{DidYouMean.Suffix(token, command.Options.Where(o => !o.Hidden).Select(o => o.Name))}");
                afterUnknownOption = true;
            }
            else if (afterUnknownOption)
            {
                // Most likely the unknown option's value: one line for one mistake.
                afterUnknownOption = false;
            }
            else if (command.Subcommands.Count > 0)
            {
                lines.Add($"unknown command '{string.Join(' ', [.. path.Split(' ').Skip(1), token])}'{DidYouMean.Suffix(token, command.Subcommands.Select(c => c.Name))}");
                unknownCommand = true;
            }
            else
            {
                lines.Add($"unexpected argument '{token}'");
            }
        }

        if (command.Subcommands.Count > 0)
        {
            if (!unknownCommand)
            {
                lines.Add($"'{path}' needs a command: {string.Join(", ", command.Subcommands.Select(c => c.Name))}");
            }
        }
        else
        {
            // The library's line for an unmatched word repeats what is above; its other lines (every missing
            // required option, every bad value) are kept.
            lines.AddRange(result.Errors.Select(e => e.Message.TrimEnd('.'))
                .Where(m => !result.UnmatchedTokens.Any(t => m.Contains($"'{t}'", StringComparison.Ordinal))));
        }

        foreach (var line in lines.Distinct(StringComparer.Ordinal))
        {
            stderr.WriteLine($"sloq: {line}");
        }

        stderr.WriteLine($"run '{path} --help' for its {(command.Subcommands.Count > 0 ? "commands" : "options")}");
        return ExitCodes.BadInput;
    }

    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? at = result; at is not null; at = at.Parent)
        {
            if (at is CommandResult command)
            {
                names.Insert(0, command.Command.Name);
            }
        }

        return string.Join(' ', names);
    }
}
