using System.Buffers.Binary;

namespace SloQuality.Storage;

/// <summary>Inter-token gaps as a compact blob: little-endian float32 milliseconds (4 bytes a gap).</summary>
public static class GapCodec
{
    public static byte[] Encode(IReadOnlyList<double> gaps)
    {
        var bytes = new byte[gaps.Count * 4];
        Encode(gaps, bytes);
        return bytes;
    }

    /// <summary>Encodes into <paramref name="destination"/>, which holds exactly 4 bytes a gap.</summary>
    public static void Encode(IReadOnlyList<double> gaps, Span<byte> destination)
    {
        for (var i = 0; i < gaps.Count; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(destination[(i * 4)..], (float)gaps[i]);
        }
    }

    public static double[] Decode(byte[]? bytes)
    {
        if (bytes is null)
        {
            return [];
        }

        var gaps = new double[bytes.Length / 4];
        for (var i = 0; i < gaps.Length; i++)
        {
            gaps[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * 4));
        }

        return gaps;
    }
}
