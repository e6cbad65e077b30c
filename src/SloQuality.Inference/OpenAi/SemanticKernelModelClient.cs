using System.ClientModel;
using System.ClientModel.Primitives;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using OpenAI;
using OpenAI.Chat;
using Polly;
using SloQuality.Core.Configuration;
using SloQuality.Core.Datasets;
using SloQuality.Core.Notifications;
using SloQuality.Core.Replay;
using SloQuality.Inference.Resilience;
using SloQuality.Inference.Timing;

namespace SloQuality.Inference.OpenAi;

/// <summary>
/// Replays items through Semantic Kernel's OpenAI connector against any OpenAI-compatible endpoint,
/// streaming, with time to first token and inter-token gaps measured on the wire by
/// <see cref="TimingHandler"/>, a per-request timeout, bounded concurrency, and retries that honour
/// <c>Retry-After</c>. Failures come back classified in the result, never as exceptions.
/// </summary>
public sealed class SemanticKernelModelClient : IModelClient, IDisposable
{
    private readonly ModelTarget target;
    private readonly Uri endpoint;
    private readonly HttpClient http;
    private readonly IChatCompletionService chat;
    private readonly OpenAIPromptExecutionSettings settings;
    private readonly SemaphoreSlim slots;
    private readonly SecretScrubber scrubber;
    private readonly ResiliencePipeline<AttemptOutcome> retry;

    public SemanticKernelModelClient(ModelTarget target, Uri endpoint, string? apiKey, TimeProvider? time = null)
    {
        this.target = target;
        this.endpoint = endpoint;
        scrubber = new SecretScrubber(string.IsNullOrEmpty(apiKey) ? [] : [apiKey]);
        var sockets = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            MaxConnectionsPerServer = int.MaxValue,
            UseProxy = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
        };
        HttpMessageHandler wire = target.TokenLimitField == ModelTarget.MaxTokensField ? new TokenLimitFieldHandler(sockets) : sockets;
        http = new HttpClient(new TimingHandler(wire)) { Timeout = Timeout.InfiniteTimeSpan };
        var options = new OpenAIClientOptions
        {
            Endpoint = endpoint,
            Transport = new HttpClientPipelineTransport(http),
            // Retries and timeouts are ours (per target, honouring Retry-After); the SDK's own would
            // multiply attempts and hide failures from the measurements.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = Timeout.InfiniteTimeSpan,
        };
        var openAi = new OpenAIClient(new ApiKeyCredential(string.IsNullOrEmpty(apiKey) ? "no-key" : apiKey), options);
        var modelId = target.Model ?? target.Name;
        chat = new OpenAIChatCompletionService(modelId, openAi);
        settings = new OpenAIPromptExecutionSettings
        {
            ModelId = modelId,
            Temperature = target.Temperature,
            MaxTokens = target.MaxTokens,
            TopP = target.TopP,
            Seed = target.Seed,
        };
        slots = new SemaphoreSlim(target.Concurrency, target.Concurrency);
        retry = RetryPipeline.Create(target.Retry, time ?? TimeProvider.System);
    }

    public string TargetName => target.Name;

    public async Task<ReplayResult> ReplayAsync(GoldenItem item, CancellationToken cancellationToken)
    {
        await StreamingWarmUp.EnsureAsync().ConfigureAwait(false);
        var history = BuildHistory(item);
        await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        // Opened once a slot is ours: the span times the call with its retries, not our own queue.
        using var span = ModelCallSpan.Start(target, endpoint, settings.ModelId!, item.Id);
        try
        {
            var outcome = await retry.ExecuteAsync(
                static async (state, ct) =>
                {
                    var attempt = ++state.attempts.Value;
                    return await state.client.AttemptAsync(state.history, attempt, ct).ConfigureAwait(false);
                },
                (client: this, history, attempts: new StrongBox<int>()),
                cancellationToken).ConfigureAwait(false);
            ModelCallSpan.Finish(span, outcome.Result);
            return outcome.Result;
        }
        finally
        {
            slots.Release();
        }
    }

    private async ValueTask<AttemptOutcome> AttemptAsync(ChatHistory history, int attempt, CancellationToken cancellationToken)
    {
        var timing = new StreamTiming();
        TimingHandler.Current.Value = timing;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(target.Timeout);
        var output = new StringBuilder();
        string? finishReason = null, responseId = null;
        int? promptTokens = null, outputTokens = null;
        long firstContentSeenAt = 0;
        var refused = false;
        try
        {
            await foreach (var update in chat.GetStreamingChatMessageContentsAsync(history, settings, kernel: null, deadline.Token).ConfigureAwait(false))
            {
                // A refusal arrives in "refusal" deltas, not "content": it is the answer the user saw.
                var refusal = (update.InnerContent as StreamingChatCompletionUpdate)?.RefusalUpdate;
                var text = string.IsNullOrEmpty(update.Content) ? refusal : update.Content;
                if (!string.IsNullOrEmpty(text))
                {
                    if (firstContentSeenAt == 0)
                    {
                        firstContentSeenAt = Stopwatch.GetTimestamp();
                    }

                    refused |= !string.IsNullOrEmpty(refusal);
                    output.Append(text);
                }

                ReadMetadata(update, ref finishReason, ref responseId, ref promptTokens, ref outputTokens);
            }
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not OutOfMemoryException)
        {
            var classified = FailureClassifier.Classify(e, timing, deadline.IsCancellationRequested);
            var failure = classified with { Message = scrubber.Scrub(classified.Message) };
            return new AttemptOutcome(Measure(timing, output.ToString(), 0, null, null, null, null, failure, attempt), timing.RetryAfter);
        }
        finally
        {
            TimingHandler.Current.Value = null;
        }

        finishReason = refused ? FinishReasons.Refusal : finishReason;
        var result = Measure(timing, output.ToString(), firstContentSeenAt, finishReason, responseId, promptTokens,
            outputTokens ?? timing.ContentEvents.Count, FinishFailure(finishReason), attempt);
        return new AttemptOutcome(result, null);
    }

    /// <summary>Latency from the wire: first content event, gaps between content events, last byte.</summary>
    private static ReplayResult Measure(
        StreamTiming timing,
        string output,
        long firstContentSeenAt,
        string? finishReason,
        string? responseId,
        int? promptTokens,
        int? outputTokens,
        ReplayFailure? failure,
        int attempt)
    {
        var start = timing.RequestStartedAt;
        var events = timing.ContentEvents;
        double? ttft = events.Count > 0 ? Ms(start, events[0])
            : firstContentSeenAt > 0 ? Ms(start, firstContentSeenAt) : null;
        var gaps = new double[Math.Max(0, events.Count - 1)];
        for (var i = 1; i < events.Count; i++)
        {
            gaps[i - 1] = Ms(events[i - 1], events[i]);
        }

        return new ReplayResult
        {
            Output = output,
            TtftMs = start > 0 ? ttft : null,
            SetupMs = timing.HandlerEnteredAt > 0 && start >= timing.HandlerEnteredAt ? Ms(timing.HandlerEnteredAt, start) : null,
            FirstTokenTimestamp = events.Count > 0 ? events[0] : firstContentSeenAt > 0 ? firstContentSeenAt : null,
            GapsMs = gaps,
            TotalMs = start > 0 && timing.LastDataAt > 0 ? Ms(start, timing.LastDataAt) : null,
            FinishReason = finishReason,
            ResponseId = responseId,
            PromptTokens = promptTokens,
            OutputTokens = outputTokens,
            Failure = failure,
            Attempts = attempt,
        };
    }

    private static double Ms(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;

    private static ReplayFailure? FinishFailure(string? finishReason) => finishReason switch
    {
        "content_filter" => new ReplayFailure(FailureKind.ContentFilter, "the provider's content filter refused the answer"),
        // Counted as a content-filter refusal: against the success rate, never against correctness.
        FinishReasons.Refusal => new ReplayFailure(FailureKind.ContentFilter, "the model refused to answer (a refusal in the stream)"),
        "length" => new ReplayFailure(FailureKind.Truncated, "the answer stopped at the token limit"),
        _ => null,
    };

    private static void ReadMetadata(StreamingChatMessageContent update, ref string? finishReason, ref string? responseId, ref int? promptTokens, ref int? outputTokens)
    {
        if (update.Metadata is not { } metadata)
        {
            return;
        }

        if (metadata.TryGetValue("FinishReason", out var finish) && finish is not null)
        {
            finishReason = FinishReasons.Normalize(finish.ToString()!);
        }

        if (metadata.TryGetValue("CompletionId", out var id) && id is string text)
        {
            responseId = text;
        }

        if (metadata.TryGetValue("Usage", out var usage) && usage is ChatTokenUsage tokens)
        {
            promptTokens = tokens.InputTokenCount;
            outputTokens = tokens.OutputTokenCount;
        }
    }

    private ChatHistory BuildHistory(GoldenItem item)
    {
        var history = new ChatHistory();
        if (target.SystemPrompt is { } system && !item.Input.Any(m => m.Role is "system" or "developer"))
        {
            history.AddSystemMessage(system);
        }

        foreach (var message in item.Input)
        {
            var role = message.Role switch
            {
                "system" => AuthorRole.System,
                "developer" => AuthorRole.Developer,
                "assistant" => AuthorRole.Assistant,
                "tool" => AuthorRole.Tool,
                _ => AuthorRole.User,
            };
            // AuthorName is sent as the message's "name" (few-shot turns, multi-party chats).
            history.Add(new Microsoft.SemanticKernel.ChatMessageContent(role, message.Content) { AuthorName = message.Name });
        }

        return history;
    }

    public void Dispose()
    {
        http.Dispose();
        slots.Dispose();
    }
}
