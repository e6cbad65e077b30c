using System.Text.Json;

namespace SloQuality.Simulator;

/// <summary>The parts of an OpenAI chat completion request the simulator acts on.</summary>
internal sealed record ChatRequest(string Model, string Prompt, int PromptWords, bool Stream, bool IncludeUsage, int? MaxTokens)
{
    public static ChatRequest? Parse(JsonElement root, out string? error)
    {
        error = null;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("model", out var model) || model.ValueKind != JsonValueKind.String
            || !root.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array)
        {
            error = "the request needs 'model' (a string) and 'messages' (a list)";
            return null;
        }

        var prompt = string.Empty;
        var words = 0;
        foreach (var message in messages.EnumerateArray())
        {
            var content = message.TryGetProperty("content", out var c) ? ContentText(c) : string.Empty;
            words += content.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
            if (message.TryGetProperty("role", out var role) && role.ValueEquals("user"))
            {
                prompt = content;
            }
        }

        var stream = root.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;
        var usage = root.TryGetProperty("stream_options", out var so) && so.ValueKind == JsonValueKind.Object
            && so.TryGetProperty("include_usage", out var iu) && iu.ValueKind == JsonValueKind.True;
        int? maxTokens = root.TryGetProperty("max_completion_tokens", out var mct) && mct.ValueKind == JsonValueKind.Number ? mct.GetInt32()
            : root.TryGetProperty("max_tokens", out var mt) && mt.ValueKind == JsonValueKind.Number ? mt.GetInt32() : null;
        return new ChatRequest(model.GetString()!, prompt, words, stream, usage, maxTokens);
    }

    /// <summary>Content is a string, or a list of parts of which the text parts count.</summary>
    private static string ContentText(JsonElement content) => content.ValueKind switch
    {
        JsonValueKind.String => content.GetString() ?? string.Empty,
        JsonValueKind.Array => string.Concat(content.EnumerateArray()
            .Where(p => p.TryGetProperty("text", out _))
            .Select(p => p.GetProperty("text").GetString())),
        _ => string.Empty,
    };
}
