using System.Text;

namespace SloQuality.Cli;

/// <summary>
/// Everything sloq prints passes through here: control characters from file names, model outputs or
/// upstream errors are shown, not obeyed. An ESC could otherwise recolour, move the cursor or retitle
/// the user's terminal (ESC is shown as ␛, other controls as their caret form, e.g. ^G).
/// Spectre's own escape sequences are written to <see cref="Inner"/>, with its text cleaned first.
/// </summary>
public sealed class TerminalSafeWriter(TextWriter inner) : TextWriter
{
    public TextWriter Inner { get; } = inner;

    public override Encoding Encoding => Inner.Encoding;

    public override IFormatProvider FormatProvider => Inner.FormatProvider;

    public override string NewLine
    {
#pragma warning disable CS8765 // TextWriter.NewLine's setter accepts null; the inner writer decides.
        get => Inner.NewLine;
        set => Inner.NewLine = value;
#pragma warning restore CS8765
    }

    public static TextWriter Wrap(TextWriter writer) => writer is TerminalSafeWriter ? writer : new TerminalSafeWriter(writer);

    /// <summary>The text with every control character but tab and line breaks made visible.</summary>
    public static string Clean(string text)
    {
        if (!text.Any(IsUnsafe))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            Append(builder, c);
        }

        return builder.ToString();
    }

    public override void Write(char value)
    {
        if (IsUnsafe(value))
        {
            Inner.Write(Visible(value));
        }
        else
        {
            Inner.Write(value);
        }
    }

    public override void Write(string? value) => Inner.Write(value is null ? null : Clean(value));

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void WriteLine(string? value) => Inner.WriteLine(value is null ? null : Clean(value));

    public override void Flush() => Inner.Flush();

    public override Task FlushAsync() => Inner.FlushAsync();

    public override Task WriteAsync(string? value) => Inner.WriteAsync(value is null ? null : Clean(value));

    public override Task WriteLineAsync(string? value) => Inner.WriteLineAsync(value is null ? null : Clean(value));

    private static bool IsUnsafe(char c) => (c < ' ' && c is not ('\t' or '\n' or '\r')) || c == '\u007f' || c is >= '\u0080' and <= '\u009f';

    private static void Append(StringBuilder builder, char c)
    {
        if (IsUnsafe(c))
        {
            builder.Append(Visible(c));
        }
        else
        {
            builder.Append(c);
        }
    }

    private static string Visible(char c) => c switch
    {
        '\u001b' => "␛",
        < ' ' => "^" + (char)(c + '@'),
        '\u007f' => "^?",
        _ => $"\\u{(int)c:x4}",
    };
}
