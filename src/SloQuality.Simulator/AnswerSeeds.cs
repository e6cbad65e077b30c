using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace SloQuality.Simulator;

/// <summary>
/// Seeds the answer choice of each request from (profile seed, model, prompt, how often this prompt was
/// asked): a fresh simulator answers a dataset the same way whatever order requests arrive in, and a
/// repeated item can still get a different answer, as a sampling model would. (SHA-256 rather than
/// <see cref="HashCode"/>, which is randomised per process.)
/// </summary>
internal sealed class AnswerSeeds
{
    private readonly ConcurrentDictionary<string, int> asked = new(StringComparer.Ordinal);

    public Random For(SimulatorProfile profile, string prompt)
    {
        var key = profile.Model + "\u0001" + prompt;
        var occurrence = asked.AddOrUpdate(key, 0, (_, n) => n + 1);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{profile.Seed}\u0001{occurrence}\u0001{key}"));
        return new Random(BitConverter.ToInt32(hash, 0));
    }
}
