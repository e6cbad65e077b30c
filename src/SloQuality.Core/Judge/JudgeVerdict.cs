namespace SloQuality.Core.Judge;

/// <summary>An LLM judge's view of one output: each claim with its verdict, hallucinated when any is not supported; or the problem that kept it from judging.</summary>
public sealed record JudgeVerdict(bool? Hallucinated, IReadOnlyList<JudgedClaim> Claims, bool Cached, string? Problem = null);

/// <summary>One claim and the judge's word on it: <c>supported</c>, <c>unsupported</c> or <c>contradicted</c>.</summary>
public sealed record JudgedClaim(string Claim, string Verdict);
