namespace SloQuality.Core.Datasets;

/// <summary>One chat message of an item's input.</summary>
public sealed record ChatMessage(string Role, string Content)
{
    /// <summary>Roles the OpenAI chat API accepts; anything else is a dataset error.</summary>
    public static readonly IReadOnlySet<string> KnownRoles =
        new HashSet<string>(StringComparer.Ordinal) { "system", "developer", "user", "assistant", "tool" };
}
