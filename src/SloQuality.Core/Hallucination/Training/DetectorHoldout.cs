using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace SloQuality.Core.Hallucination.Training;

/// <summary>
/// The groups (questions, passages) of a training file kept out of training, so the shipped model can be
/// measured on data of every source it learned from without flattering itself: a group is held out when
/// the hash of (seed, group) falls under the fraction. Deterministic and independent of order, so
/// training and <c>sloq detector evaluate</c> agree on the split from the card alone.
/// </summary>
public static class DetectorHoldout
{
    public static bool IsHeldOut(string group, double fraction, int seed)
    {
        if (fraction <= 0)
        {
            return false;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}:{group}"));
        return BinaryPrimitives.ReadUInt64BigEndian(hash) / (double)ulong.MaxValue < fraction;
    }
}
