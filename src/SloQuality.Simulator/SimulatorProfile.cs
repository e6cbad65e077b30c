namespace SloQuality.Simulator;

/// <summary>
/// How one simulated model behaves: its latency distributions, the failures it injects (each a share
/// of requests), how its answers end, and how often it hallucinates or paraphrases.
/// </summary>
public sealed record SimulatorProfile
{
    /// <summary>The model id clients ask for; also listed by <c>/v1/models</c>.</summary>
    public required string Model { get; init; }

    /// <summary>Seeds answer choices so a fresh simulator gives the same answers in the same order.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Folders of golden datasets whose items the simulator can answer (absolute paths).</summary>
    public IReadOnlyList<string> Datasets { get; init; } = [];

    public LogNormal Ttft { get; init; } = new(200, 800);

    public LogNormal InterToken { get; init; } = new(15, 60);

    /// <summary>Words sent in each content chunk (one chunk counts as one token).</summary>
    public int WordsPerChunk { get; init; } = 1;

    /// <summary>
    /// Name the inter-token histogram as vLLM before 0.11 did (<c>vllm:time_per_output_token_seconds</c>)
    /// instead of the current <c>vllm:inter_token_latency_seconds</c>.
    /// </summary>
    public bool LegacyVllmMetricNames { get; init; }

    /// <summary>Answers fact-checking prompts as a judge model would (see <see cref="SimulatedJudge"/>) instead of questions.</summary>
    public bool Judge { get; init; }

    public ErrorRates Errors { get; init; } = new();

    /// <summary>Share of answers cut at the token limit (<c>finish_reason: length</c>).</summary>
    public double LengthRate { get; init; }

    /// <summary>Share of answers refused with <c>finish_reason: content_filter</c>.</summary>
    public double ContentFilterRate { get; init; }

    /// <summary>Share of answers that are hallucinated (a known incorrect claim, or a changed number or name).</summary>
    public double HallucinationRate { get; init; }

    /// <summary>Share of answers that are a paraphrase of the reference.</summary>
    public double ParaphraseRate { get; init; }

    /// <summary>
    /// Share of items (not requests) whose answer changed meaning, as after a model update: such an item
    /// is always answered with another item's reference, on every repeat. For drift tests.
    /// </summary>
    public double MeaningShiftRate { get; init; }

    public sealed record ErrorRates
    {
        public double Http500 { get; init; }

        public double Http503 { get; init; }

        public double Http429 { get; init; }

        /// <summary>The <c>Retry-After</c> sent with 429, in seconds.</summary>
        public int RetryAfterSeconds { get; init; } = 1;

        /// <summary>Share of requests that hang (no answer for <see cref="HangSeconds"/>).</summary>
        public double Hang { get; init; }

        public double HangSeconds { get; init; } = 300;

        /// <summary>Share of requests whose connection is reset before any answer.</summary>
        public double ConnectionReset { get; init; }

        /// <summary>Share of streams cut off midway through the answer.</summary>
        public double StreamCut { get; init; }

        public double Total => Http500 + Http503 + Http429 + Hang + ConnectionReset + StreamCut;
    }
}
