namespace SloQuality.Cli;

/// <summary>Thrown for a command line that cannot be run; the message says what was expected.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>
/// A parsed command line: positional words and <c>--name value</c> options (repeatable). Every option a
/// command reads is checked against what it declared, so a typo is an error, not a silent default.
/// </summary>
public sealed class Arguments
{
    private readonly Dictionary<string, List<string>> options = new(StringComparer.Ordinal);
    private readonly HashSet<string> flags = new(StringComparer.Ordinal);

    private Arguments(List<string> positional) => Positional = positional;

    public IReadOnlyList<string> Positional { get; }

    /// <summary>Parses <paramref name="args"/>; <paramref name="flagNames"/> take no value.</summary>
    public static Arguments Parse(IReadOnlyList<string> args, IReadOnlySet<string> valueNames, IReadOnlySet<string> flagNames)
    {
        var positional = new List<string>();
        var parsed = new Arguments(positional);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg == "--")
            {
                positional.Add(arg);
                continue;
            }

            var name = arg[2..];
            string? inline = null;
            if (name.IndexOf('=') is var eq and > 0)
            {
                (name, inline) = (name[..eq], name[(eq + 1)..]);
            }

            if (flagNames.Contains(name))
            {
                parsed.flags.Add(name);
            }
            else if (valueNames.Contains(name))
            {
                var value = inline ?? (i + 1 < args.Count ? args[++i] : throw new UsageException($"--{name} needs a value"));
                if (!parsed.options.TryGetValue(name, out var list))
                {
                    parsed.options[name] = list = [];
                }

                list.Add(value);
            }
            else
            {
                var known = valueNames.Concat(flagNames).Order().Select(n => "--" + n);
                throw new UsageException($"unknown option --{name}; this command takes: {string.Join(", ", known)}");
            }
        }

        return parsed;
    }

    public bool Has(string flag) => flags.Contains(flag);

    public string? Value(string name) => options.TryGetValue(name, out var list) ? list[^1] : null;

    public IReadOnlyList<string> Values(string name) => options.TryGetValue(name, out var list) ? list : [];

    public string Required(string name) => Value(name) ?? throw new UsageException($"--{name} is required");

    public int Integer(string name, int fallback, int min, int max)
    {
        var text = Value(name);
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, out var value) && value >= min && value <= max
            ? value
            : throw new UsageException($"--{name} must be a whole number from {min} to {max}, found \"{text}\"");
    }
}
