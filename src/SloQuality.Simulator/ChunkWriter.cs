using System.Buffers;
using System.Text.Json;

namespace SloQuality.Simulator;

/// <summary>Writes OpenAI chat completion JSON (streamed chunks and whole responses) with one reused buffer.</summary>
internal sealed class ChunkWriter(string id, string model, long created)
{
    private static readonly byte[] DataPrefix = "data: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();
    private readonly ArrayBufferWriter<byte> buffer = new(512);

    public static readonly byte[] Done = "data: [DONE]\n\n"u8.ToArray();

    /// <summary>One <c>chat.completion.chunk</c> event; a null content writes an empty delta.</summary>
    public ReadOnlyMemory<byte> Chunk(string? role, string? content, string? finishReason)
    {
        buffer.ResetWrittenCount();
        buffer.Write(DataPrefix);
        using (var json = new Utf8JsonWriter(buffer))
        {
            Header(json, "chat.completion.chunk");
            json.WriteStartArray("choices");
            json.WriteStartObject();
            json.WriteNumber("index", 0);
            json.WriteStartObject("delta");
            if (role is not null)
            {
                json.WriteString("role", role);
            }

            if (content is not null)
            {
                json.WriteString("content", content);
            }

            json.WriteEndObject();
            WriteFinish(json, finishReason);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        buffer.Write(EventEnd);
        return buffer.WrittenMemory;
    }

    /// <summary>The final usage event: no choices, only token counts.</summary>
    public ReadOnlyMemory<byte> Usage(int promptTokens, int completionTokens)
    {
        buffer.ResetWrittenCount();
        buffer.Write(DataPrefix);
        using (var json = new Utf8JsonWriter(buffer))
        {
            Header(json, "chat.completion.chunk");
            json.WriteStartArray("choices");
            json.WriteEndArray();
            WriteUsage(json, promptTokens, completionTokens);
            json.WriteEndObject();
        }

        buffer.Write(EventEnd);
        return buffer.WrittenMemory;
    }

    /// <summary>A whole non-streamed <c>chat.completion</c>.</summary>
    public ReadOnlyMemory<byte> Completion(string content, string finishReason, int promptTokens, int completionTokens)
    {
        buffer.ResetWrittenCount();
        using (var json = new Utf8JsonWriter(buffer))
        {
            Header(json, "chat.completion");
            json.WriteStartArray("choices");
            json.WriteStartObject();
            json.WriteNumber("index", 0);
            json.WriteStartObject("message");
            json.WriteString("role", "assistant");
            json.WriteString("content", content);
            json.WriteEndObject();
            WriteFinish(json, finishReason);
            json.WriteEndObject();
            json.WriteEndArray();
            WriteUsage(json, promptTokens, completionTokens);
            json.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }

    private void Header(Utf8JsonWriter json, string type)
    {
        json.WriteStartObject();
        json.WriteString("id", id);
        json.WriteString("object", type);
        json.WriteNumber("created", created);
        json.WriteString("model", model);
    }

    private static void WriteFinish(Utf8JsonWriter json, string? finishReason)
    {
        if (finishReason is null)
        {
            json.WriteNull("finish_reason");
        }
        else
        {
            json.WriteString("finish_reason", finishReason);
        }
    }

    private static void WriteUsage(Utf8JsonWriter json, int promptTokens, int completionTokens)
    {
        json.WriteStartObject("usage");
        json.WriteNumber("prompt_tokens", promptTokens);
        json.WriteNumber("completion_tokens", completionTokens);
        json.WriteNumber("total_tokens", promptTokens + completionTokens);
        json.WriteEndObject();
    }
}
