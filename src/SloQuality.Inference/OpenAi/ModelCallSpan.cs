using System.Diagnostics;
using SloQuality.Core.Configuration;
using SloQuality.Core.Evaluation;
using SloQuality.Core.Replay;

namespace SloQuality.Inference.OpenAi;

/// <summary>
/// One model call as a span with OpenTelemetry's GenAI semantic conventions: named
/// <c>chat {gen_ai.request.model}</c>, of kind client, covering the call with its retries. Prompts and
/// outputs are not recorded: they may hold customer data, and the item id finds them in the store.
/// </summary>
internal static class ModelCallSpan
{
    public static Activity? Start(ModelTarget target, Uri endpoint, string model, string itemId)
    {
        var activity = RunTracing.Source.StartActivity($"chat {model}", ActivityKind.Client);
        if (activity is null)
        {
            return null;
        }

        activity.SetTag("gen_ai.operation.name", "chat")
            .SetTag("gen_ai.provider.name", "openai")
            .SetTag("gen_ai.request.model", model)
            .SetTag("server.address", endpoint.Host)
            .SetTag("server.port", endpoint.Port)
            .SetTag("sloquality.item.id", itemId);
        Optional(activity, "gen_ai.request.temperature", target.Temperature);
        Optional(activity, "gen_ai.request.top_p", target.TopP);
        Optional(activity, "gen_ai.request.max_tokens", target.MaxTokens);
        Optional(activity, "gen_ai.request.seed", target.Seed);
        return activity;
    }

    public static void Finish(Activity? activity, ReplayResult result)
    {
        if (activity is null)
        {
            return;
        }

        Optional(activity, "gen_ai.usage.input_tokens", result.PromptTokens);
        Optional(activity, "gen_ai.usage.output_tokens", result.OutputTokens);
        Optional(activity, "gen_ai.response.id", result.ResponseId);
        if (result.FinishReason is { } reason)
        {
            activity.SetTag("gen_ai.response.finish_reasons", new[] { reason });
        }

        // Seconds from sending the request, as the convention measures it (ours excludes connection set-up).
        Optional(activity, "gen_ai.response.time_to_first_chunk", result.TtftMs / 1000);
        activity.SetTag("sloquality.attempts", result.Attempts);
        if (result.Failure is { } failure)
        {
            activity.SetTag("error.type", ReplayFailure.KindName(failure.Kind));
            activity.SetStatus(ActivityStatusCode.Error, failure.ShortText);
        }
    }

    private static void Optional<T>(Activity activity, string name, T? value)
        where T : struct
    {
        if (value is { } v)
        {
            activity.SetTag(name, v);
        }
    }

    private static void Optional(Activity activity, string name, string? value)
    {
        if (value is not null)
        {
            activity.SetTag(name, value);
        }
    }
}
