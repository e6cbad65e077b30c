using System.CommandLine;

namespace SloQuality.Cli.Parsing;

/// <summary>Thrown for a command line that cannot be run; the message says what was expected.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>
/// A parsed command line as a command reads it: its arguments in order and its options by name (without
/// the dashes). System.CommandLine has already refused unknown options, missing required ones and stray
/// words; what is left to a command is checking values against each other and against files.
/// </summary>
public sealed class Arguments
{
    private readonly Dictionary<string, IReadOnlyList<string>> options = new(StringComparer.Ordinal);
    private readonly HashSet<string> flags = new(StringComparer.Ordinal);
    private readonly List<string> positional = [];

    private Arguments()
    {
    }

    public IReadOnlyList<string> Positional => positional;

    /// <summary>The values of the matched command's options (defaults included) and arguments.</summary>
    public static Arguments From(ParseResult result)
    {
        var parsed = new Arguments();
        var command = result.CommandResult.Command;
        foreach (var option in command.Options)
        {
            var name = option.Name.TrimStart('-');
            switch (option)
            {
                case Option<bool> flag when result.GetValue(flag):
                    parsed.flags.Add(name);
                    break;
                case Option<string> value when result.GetValue(value) is { } text:
                    parsed.options[name] = [text];
                    break;
                case Option<string[]> many when result.GetValue(many) is { Length: > 0 } texts:
                    parsed.options[name] = texts;
                    break;
            }
        }

        foreach (var argument in command.Arguments)
        {
            switch (argument)
            {
                case Argument<string> one when result.GetValue(one) is { } text:
                    parsed.positional.Add(text);
                    break;
                case Argument<string[]> many when result.GetValue(many) is { } texts:
                    parsed.positional.AddRange(texts);
                    break;
            }
        }

        return parsed;
    }

    /// <summary>The folder of the job files (<c>--config</c>, default <c>jobs</c>).</summary>
    public string Config => Value("config") ?? "jobs";

    /// <summary>The result store (<c>--store</c>, default <c>.sloq/results.db</c>).</summary>
    public string Store => Value("store") ?? CommandSymbols.DefaultStore;

    public bool Has(string flag) => flags.Contains(flag);

    public string? Value(string name) => options.TryGetValue(name, out var list) ? list[^1] : null;

    public IReadOnlyList<string> Values(string name) => options.TryGetValue(name, out var list) ? list : [];

    /// <summary>An option required only in some combinations (the parser checks the always-required ones).</summary>
    public string Required(string name, string? why = null) =>
        Value(name) ?? throw new UsageException($"--{name} is required{(why is null ? string.Empty : " " + why)}");

    public int Integer(string name, int fallback, int min, int max) => Value(name) is not { } text ? fallback
        : CommandSymbols.TryParseInteger(text, min, max) ?? throw new UsageException(CommandSymbols.IntegerProblem(name, text, min, max));
}
