
namespace SloQuality.Inference.Timing;

/// <summary>
/// Finds server-sent events that carry answer text in a chat completion stream as its bytes arrive:
/// a <c>data:</c> line whose JSON has <c>"content":</c> (or <c>"refusal":</c>, a refusal is what the user
/// sees first) followed by a non-empty string. The role-only
/// first event (<c>"content":""</c>), the finish event and the usage event do not count, so the first
/// match is the first token. Lines split across reads are carried over.
/// </summary>
internal sealed class ContentEventScanner
{
    private static readonly byte[] ContentKey = "\"content\""u8.ToArray();
    private static readonly byte[] RefusalKey = "\"refusal\""u8.ToArray();
    private byte[] carry = [];
    private int carryLength;

    /// <summary>Feeds one read; records <paramref name="timestamp"/> once per content event completed in it.</summary>
    public void Feed(ReadOnlySpan<byte> data, long timestamp, StreamTiming timing)
    {
        while (!data.IsEmpty)
        {
            var newline = data.IndexOf((byte)'\n');
            if (newline < 0)
            {
                Carry(data);
                return;
            }

            var line = data[..newline];
            if (carryLength > 0)
            {
                Carry(line);
                Check(carry.AsSpan(0, carryLength), timestamp, timing);
                carryLength = 0;
            }
            else
            {
                Check(line, timestamp, timing);
            }

            data = data[(newline + 1)..];
        }
    }

    private static void Check(ReadOnlySpan<byte> line, long timestamp, StreamTiming timing)
    {
        if (line.StartsWith("data:"u8) && HasNonEmptyContent(line))
        {
            timing.AddContentEvent(timestamp);
        }
    }

    internal static bool HasNonEmptyContent(ReadOnlySpan<byte> line) =>
        HasNonEmptyString(line, ContentKey) || HasNonEmptyString(line, RefusalKey);

    private static bool HasNonEmptyString(ReadOnlySpan<byte> line, ReadOnlySpan<byte> key)
    {
        while (true)
        {
            var at = line.IndexOf(key);
            if (at < 0)
            {
                return false;
            }

            var rest = line[(at + key.Length)..].TrimStart((byte)' ');
            if (!rest.IsEmpty && rest[0] == (byte)':')
            {
                rest = rest[1..].TrimStart((byte)' ');
                if (rest.Length >= 2 && rest[0] == (byte)'"' && rest[1] != (byte)'"')
                {
                    return true;
                }
            }

            line = line[(at + key.Length)..];
        }
    }

    private void Carry(ReadOnlySpan<byte> data)
    {
        if (carryLength + data.Length > carry.Length)
        {
            var bigger = new byte[Math.Max(carry.Length * 2, carryLength + data.Length + 256)];
            carry.AsSpan(0, carryLength).CopyTo(bigger);
            carry = bigger;
        }

        data.CopyTo(carry.AsSpan(carryLength));
        carryLength += data.Length;
    }
}
