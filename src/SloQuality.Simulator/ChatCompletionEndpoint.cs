using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace SloQuality.Simulator;

/// <summary>
/// <c>POST /v1/chat/completions</c>: answers as the profile of the requested model says, streamed
/// (server-sent events, with usage when asked) or whole, with its injected faults and latencies.
/// </summary>
internal sealed class ChatCompletionEndpoint(IReadOnlyDictionary<string, SimulatorProfile> profiles, AnswerBook book, FlushLog flushes, SimulatorStats stats, VllmMetrics metrics, TimeProvider time, AnswerLog answers)
{
    private readonly AnswerSeeds seeds = new();

    public async Task HandleAsync(HttpContext context)
    {
        var number = stats.Begin();
        try
        {
            await ServeAsync(context, number);
        }
        finally
        {
            stats.End();
        }
    }

    private async Task ServeAsync(HttpContext context, long number)
    {
        var aborted = context.RequestAborted;
        ChatRequest? request;
        string? error;
        try
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: aborted);
            request = ChatRequest.Parse(body.RootElement, out error);
        }
        catch (JsonException e)
        {
            (request, error) = (null, "the body is not valid JSON: " + e.Message);
        }

        if (request is null)
        {
            await ErrorAsync(context, 400, "invalid_request_error", error!);
            return;
        }

        if (!profiles.TryGetValue(request.Model, out var profile))
        {
            await ErrorAsync(context, 404, "model_not_found", $"The model '{request.Model}' does not exist");
            return;
        }

        var random = new Random(unchecked(profile.Seed * 1_000_003 + (int)number));
        var plan = ResponsePlan.Create(profile, book, seeds, request, random);
        var started = Stopwatch.GetTimestamp();
        var id = $"chatcmpl-sim{number:x8}";
        answers.Record(new SimulatedAnswer(id, profile.Model, plan.ItemId, plan.Kind.ToString(), plan.Kind is AnswerKind.Hallucination or AnswerKind.MeaningShift,
            plan.Text, plan.Fault.ToString(), plan.FinishReason));
        if (plan.Fault is InjectedFault.Http500 or InjectedFault.Http503 or InjectedFault.Http429 or InjectedFault.Hang or InjectedFault.ConnectionReset)
        {
            metrics.Aborted(profile.Model);
        }

        switch (plan.Fault)
        {
            case InjectedFault.Http500:
                await ErrorAsync(context, 500, "server_error", "The server had an error while processing your request (simulated)");
                return;
            case InjectedFault.Http503:
                await ErrorAsync(context, 503, "service_unavailable", "The engine is currently overloaded (simulated)");
                return;
            case InjectedFault.Http429:
                context.Response.Headers.RetryAfter = profile.Errors.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await ErrorAsync(context, 429, "rate_limit_exceeded", "Rate limit reached for requests (simulated)");
                return;
            case InjectedFault.Hang:
                await Task.Delay(TimeSpan.FromSeconds(profile.Errors.HangSeconds), time, aborted).ContinueWith(_ => { }, TaskScheduler.Default);
                context.Abort();
                return;
            case InjectedFault.ConnectionReset:
                context.Abort();
                return;
        }

        var writer = new ChunkWriter(id, profile.Model, time.GetUtcNow().ToUnixTimeSeconds());
        var completionTokens = plan.Chunks.Count;
        if (!request.Stream)
        {
            await DelayUntil(started, plan.TtftMs + plan.GapsMs.Sum(), aborted);
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(writer.Completion(string.Concat(plan.Chunks), plan.FinishReason, request.PromptWords, completionTokens), aborted);
            metrics.FirstToken(profile.Model, plan.TtftMs / 1000);
            metrics.Finished(profile.Model, plan.FinishReason, Stopwatch.GetElapsedTime(started).TotalSeconds, request.PromptWords, completionTokens);
            return;
        }

        await StreamAsync(context, request, plan, writer, id, started);
    }

    private async Task StreamAsync(HttpContext context, ChatRequest request, ResponsePlan plan, ChunkWriter writer, string id, long started)
    {
        var aborted = context.RequestAborted;
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        flushes.Start(id);

        // As OpenAI does, the role arrives at once with empty content; the first token comes later.
        await response.Body.WriteAsync(writer.Chunk("assistant", string.Empty, null), aborted);
        await response.Body.FlushAsync(aborted);

        var cutAt = plan.Fault == InjectedFault.StreamCut ? Math.Max(1, plan.Chunks.Count / 2) : int.MaxValue;
        var due = plan.TtftMs;
        var previousFlush = 0.0;
        for (var i = 0; i < plan.Chunks.Count; i++)
        {
            if (i == cutAt)
            {
                metrics.Aborted(request.Model);
                context.Abort();
                return;
            }

            await DelayUntil(started, due, aborted);
            await response.Body.WriteAsync(writer.Chunk(null, plan.Chunks[i], null), aborted);
            await response.Body.FlushAsync(aborted);
            var flushed = Stopwatch.GetTimestamp();
            flushes.Record(id, flushed);
            var elapsed = Stopwatch.GetElapsedTime(started, flushed).TotalSeconds;
            if (i == 0)
            {
                metrics.FirstToken(request.Model, elapsed);
            }
            else
            {
                metrics.Gap(request.Model, elapsed - previousFlush);
            }

            previousFlush = elapsed;
            if (i < plan.GapsMs.Count)
            {
                due += plan.GapsMs[i];
            }
        }

        if (plan.Fault == InjectedFault.StreamCut)
        {
            metrics.Aborted(request.Model);
            context.Abort();
            return;
        }

        await response.Body.WriteAsync(writer.Chunk(null, null, plan.FinishReason), aborted);
        if (request.IncludeUsage)
        {
            await response.Body.WriteAsync(writer.Usage(request.PromptWords, plan.Chunks.Count), aborted);
        }

        await response.Body.WriteAsync(ChunkWriter.Done, aborted);
        await response.Body.FlushAsync(aborted);
        metrics.Finished(request.Model, plan.FinishReason, Stopwatch.GetElapsedTime(started).TotalSeconds, request.PromptWords, plan.Chunks.Count);
    }

    /// <summary>Waits until <paramref name="dueMs"/> after the start; schedules against the start so delays do not accumulate error.</summary>
    private Task DelayUntil(long started, double dueMs, CancellationToken cancellationToken)
    {
        var wait = dueMs - Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return wait >= 1 ? Task.Delay(TimeSpan.FromMilliseconds(wait), time, cancellationToken) : Task.CompletedTask;
    }

    private static async Task ErrorAsync(HttpContext context, int status, string type, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteStartObject("error");
        json.WriteString("message", message);
        json.WriteString("type", type);
        json.WriteString("code", type);
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
