namespace SloQuality.Inference.Judge;

/// <summary>The judge's prompt template (Semantic Kernel syntax). Changing it changes every prompt hash, so the cache never serves an answer to another question.</summary>
internal static class JudgePrompt
{
    public const string Template = """
        You are a strict fact checker. Split the ANSWER into its factual claims and check each one
        against the EVIDENCE only (not your own knowledge). A claim is "supported" when the evidence
        states it, "contradicted" when the evidence or a KNOWN FALSE statement shows it wrong, and
        "unsupported" otherwise. Declining to answer is supported.

        QUESTION:
        {{$question}}

        EVIDENCE:
        {{$evidence}}

        KNOWN FALSE:
        {{$known_false}}

        ANSWER:
        {{$answer}}

        Reply with JSON only: {"claims": [{"claim": "...", "verdict": "supported|unsupported|contradicted"}]}
        """;
}
