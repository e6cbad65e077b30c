using System.Text;

namespace SloQuality.Core.Datasets;

/// <summary>
/// Byte-level checks shared by every dataset format: empty file, NUL bytes and invalid UTF-8, each
/// reported at its line. A UTF-8 byte order mark is accepted and dropped.
/// </summary>
public static class DatasetText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>One physical line: its 1-based number, its text, and whether a newline ended it.</summary>
    public readonly record struct Line(int Number, string Text, bool Terminated);

    /// <summary>Decodes the file into lines; lines with bad bytes are reported and returned as null text.</summary>
    public static List<Line?> SplitLines(string path, byte[] bytes, List<DatasetProblem> problems)
    {
        var lines = new List<Line?>();
        var span = bytes.AsSpan();
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            span = span[3..];
        }

        var number = 0;
        while (!span.IsEmpty)
        {
            number++;
            var end = span.IndexOf((byte)'\n');
            var terminated = end >= 0;
            var raw = terminated ? span[..end] : span;
            span = terminated ? span[(end + 1)..] : [];
            if (!raw.IsEmpty && raw[^1] == (byte)'\r')
            {
                raw = raw[..^1];
            }

            if (raw.IndexOf((byte)0) is var nul and >= 0)
            {
                problems.Add(new DatasetProblem(path, number, $"NUL byte at column {nul + 1}: the file must be UTF-8 text"));
                lines.Add(null);
                continue;
            }

            try
            {
                lines.Add(new Line(number, StrictUtf8.GetString(raw), terminated));
            }
            catch (DecoderFallbackException e)
            {
                var column = e.Index >= 0 ? $" at column {e.Index + 1}" : string.Empty;
                problems.Add(new DatasetProblem(path, number, $"invalid UTF-8{column}: the file must be UTF-8 text"));
                lines.Add(null);
            }
        }

        return lines;
    }

    public static bool IsBlank(byte[] bytes) =>
        bytes.AsSpan().TrimStart((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]).Trim((ReadOnlySpan<byte>)[(byte)' ', (byte)'\t', (byte)'\r', (byte)'\n']).IsEmpty;
}
