using Spectre.Console;

namespace SloQuality.Cli;

/// <summary>A Spectre console over a writer: plain text (no colours, no markup surprises) when not a terminal.</summary>
internal static class Consoles
{
    public static IAnsiConsole For(TextWriter output)
    {
        // Spectre writes its own escape sequences, so it gets the raw writer; its text is cleaned by Text().
        output = output is TerminalSafeWriter safe ? safe.Inner : output;
        var redirected = !ReferenceEquals(output, Console.Out) || Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = redirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = redirected ? InteractionSupport.No : InteractionSupport.Detect,
        });
        if (redirected)
        {
            // A file or a pipe has no width; 80 columns would wrap every table into a column of fragments.
            console.Profile.Width = 200;
        }

        return console;
    }

    /// <summary>Text for a Spectre widget: no markup and no control characters from the data.</summary>
    public static string Text(string text) => Markup.Escape(TerminalSafeWriter.Clean(text));
}
