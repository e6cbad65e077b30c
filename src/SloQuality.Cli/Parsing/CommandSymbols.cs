using System.CommandLine;
using System.Globalization;

namespace SloQuality.Cli.Parsing;

/// <summary>
/// The options and commands of <c>sloq</c> as System.CommandLine symbols, made one way: every option has a
/// value name and a description, a default where there is a fixed one (the help prints it), and values
/// stay text so each command checks them with its own message. Integers are checked while parsing, so a
/// bad number is reported with every other problem of the command line.
/// </summary>
internal static class CommandSymbols
{
    public const string DefaultStore = ".sloq/results.db";

    public static Option<string> Value(string name, string valueName, string description, string? defaultValue = null, bool required = false)
    {
        var option = new Option<string>("--" + name) { HelpName = valueName, Description = description, Required = required };
        if (defaultValue is not null)
        {
            option.DefaultValueFactory = _ => defaultValue;
        }

        return option;
    }

    /// <summary>A repeatable option: <c>--data a.jsonl b.jsonl</c> or <c>--data a.jsonl --data b.jsonl</c>.</summary>
    public static Option<string[]> Many(string name, string valueName, string description, bool required = false) =>
        new("--" + name) { HelpName = valueName, Description = description, Required = required, AllowMultipleArgumentsPerToken = true, Arity = ArgumentArity.OneOrMore };

    public static Option<bool> Flag(string name, string description) => new("--" + name) { Description = description };

    public static Option<string> Integer(string name, string description, int min, int max, int? defaultValue = null)
    {
        var option = Value(name, "N", description, defaultValue?.ToString(CultureInfo.InvariantCulture));
        option.Validators.Add(result =>
        {
            if (result.Tokens is [.., var last] && TryParseInteger(last.Value, min, max) is null)
            {
                result.AddError(IntegerProblem(name, last.Value, min, max));
            }
        });
        return option;
    }

    public static Option<string> Config() =>
        Value("config", "DIR", "the folder with targets.yaml, slos.yaml and the other job files", "jobs");

    public static Option<string> Store() =>
        Value("store", "FILE", "the result store (SQLite), shared with the service", DefaultStore);

    public static Argument<string> One(string name, string description) => new(name) { Description = description };

    /// <summary>A command that runs: its options and arguments, and what runs it.</summary>
    public static Command Leaf(string name, string description, IEnumerable<Symbol> symbols, Func<Arguments, CancellationToken, Task<int>> run)
    {
        var command = new Command(name, description);
        foreach (var symbol in symbols)
        {
            switch (symbol)
            {
                case Option option:
                    command.Options.Add(option);
                    break;
                case Argument argument:
                    command.Arguments.Add(argument);
                    break;
            }
        }

        command.SetAction((result, cancellationToken) => run(Arguments.From(result), cancellationToken));
        return command;
    }

    /// <summary>A command that only groups others (<c>sloq slo status</c>, <c>sloq slo explain</c>, ...).</summary>
    public static Command Group(string name, string description, params Command[] subcommands)
    {
        var command = new Command(name, description);
        foreach (var subcommand in subcommands)
        {
            command.Subcommands.Add(subcommand);
        }

        return command;
    }

    public static int? TryParseInteger(string text, int min, int max) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max ? value : null;

    public static string IntegerProblem(string name, string text, int min, int max) =>
        $"--{name} must be a whole number from {min} to {max}, found \"{text}\"";
}
