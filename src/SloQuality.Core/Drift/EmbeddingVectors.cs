using System.Numerics.Tensors;

namespace SloQuality.Core.Drift;

/// <summary>Vector helpers over embeddings, and their compact storage form (little-endian float32).</summary>
public static class EmbeddingVectors
{
    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var denominator = TensorPrimitives.Norm(a) * TensorPrimitives.Norm(b);
        return denominator == 0 ? 0 : Math.Clamp(TensorPrimitives.Dot(a, b) / denominator, -1, 1);
    }

    public static double SquaredDistance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var d = TensorPrimitives.Distance(a, b);
        return d * d;
    }

    public static byte[] ToBytes(ReadOnlySpan<float> vector)
    {
        var bytes = new byte[vector.Length * sizeof(float)];
        for (var i = 0; i < vector.Length; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), vector[i]);
        }

        return bytes;
    }

    public static float[] FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length % sizeof(float) != 0)
        {
            throw new FormatException($"an embedding blob of {bytes.Length} bytes is not a whole number of float32 values");
        }

        var vector = new float[bytes.Length / sizeof(float)];
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = System.Buffers.Binary.BinaryPrimitives.ReadSingleLittleEndian(bytes[(i * sizeof(float))..]);
        }

        return vector;
    }
}
