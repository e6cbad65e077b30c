using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace SloQuality.Simulator;

/// <summary>
/// <c>POST /v1/embeddings</c>, OpenAI-compatible: a hashed bag of words (64 dimensions, L2-normalised),
/// so texts sharing words are similar. Answers <c>encoding_format: base64</c> (what the OpenAI .NET
/// client asks for) with little-endian float32, and <c>float</c>. For tests of remote embedding models.
/// </summary>
internal static partial class EmbeddingsEndpoint
{
    private const int Dimensions = 64;

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();

    public static async Task HandleAsync(HttpContext context)
    {
        using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
        var root = body.RootElement;
        var inputs = root.TryGetProperty("input", out var input) && input.ValueKind == JsonValueKind.Array
            ? input.EnumerateArray().Select(e => e.GetString() ?? string.Empty).ToList()
            : [root.TryGetProperty("input", out var one) ? one.GetString() ?? string.Empty : string.Empty];
        var base64 = root.TryGetProperty("encoding_format", out var format) && format.GetString() == "base64";
        var model = root.TryGetProperty("model", out var m) ? m.GetString() : "sim-embedding";
        var data = inputs.Select((text, index) =>
        {
            var vector = Embed(text);
            object embedding = base64 ? Convert.ToBase64String(Core.Drift.EmbeddingVectors.ToBytes(vector)) : vector;
            return new { @object = "embedding", index, embedding };
        }).ToList();
        var tokens = inputs.Sum(t => Word().Count(t));
        await context.Response.WriteAsJsonAsync(new { @object = "list", data, model, usage = new { prompt_tokens = tokens, total_tokens = tokens } }, context.RequestAborted).ConfigureAwait(false);
    }

    internal static float[] Embed(string text)
    {
        var vector = new float[Dimensions];
        foreach (Match word in Word().Matches(text.ToLowerInvariant()))
        {
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes(word.Value));
            vector[hash[0] % Dimensions] += 1;
        }

        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        return norm == 0 ? vector : vector.Select(v => v / norm).ToArray();
    }
}
