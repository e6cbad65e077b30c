namespace SloQuality.Core.Datasets;

/// <summary>
/// One chat message of an item's input; <paramref name="Name"/> is the chat API's participant name
/// (OpenAI Evals' few-shot turns are <c>"role": "system", "name": "example_user"</c>).
/// </summary>
public sealed record ChatMessage(string Role, string Content, string? Name = null)
{
    /// <summary>Roles the OpenAI chat API accepts; anything else is a dataset error.</summary>
    public static readonly IReadOnlySet<string> KnownRoles =
        new HashSet<string>(StringComparer.Ordinal) { "system", "developer", "user", "assistant", "tool" };
}
