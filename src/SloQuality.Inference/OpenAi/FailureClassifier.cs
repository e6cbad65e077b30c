using System.Net;
using System.Net.Sockets;
using Microsoft.SemanticKernel;
using SloQuality.Core.Replay;
using SloQuality.Inference.Timing;

namespace SloQuality.Inference.OpenAi;

/// <summary>Names what went wrong with an attempt from the exception and what the wire showed.</summary>
internal static class FailureClassifier
{
    public static ReplayFailure Classify(Exception exception, StreamTiming timing, bool timedOut)
    {
        if (timedOut)
        {
            return new ReplayFailure(FailureKind.Timeout, timing.ContentEvents.Count > 0
                ? "the answer did not finish within the request timeout"
                : "no answer within the request timeout");
        }

        var status = timing.StatusCode ?? ((exception as HttpOperationException)?.StatusCode is { } code ? (int)code : null);
        if (status is >= 400)
        {
            var kind = status == (int)HttpStatusCode.TooManyRequests ? FailureKind.RateLimited : FailureKind.HttpError;
            return new ReplayFailure(kind, FirstLine(exception.Message), status);
        }

        if (IsTransport(exception))
        {
            return timing.HeadersAt > 0
                ? new ReplayFailure(FailureKind.StreamCut, $"the stream broke after {timing.ContentEvents.Count} content chunks")
                : new ReplayFailure(FailureKind.ConnectionReset, FirstLine(Innermost(exception).Message));
        }

        return new ReplayFailure(FailureKind.Other, $"{exception.GetType().Name}: {FirstLine(exception.Message)}", status);
    }

    private static bool IsTransport(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException or IOException or SocketException or HttpIOException)
            {
                return true;
            }
        }

        return false;
    }

    private static Exception Innermost(Exception exception)
    {
        var e = exception;
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        return e;
    }

    private static string FirstLine(string message)
    {
        var line = message.Split('\n')[0].Trim();
        return line.Length > 200 ? line[..200] + "…" : line;
    }
}
