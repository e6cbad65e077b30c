using System.Net;
using System.Text;

namespace SloQuality.Core.Notifications;

/// <summary>
/// Posts a message to a webhook, trying again after a server error, a 429, a timeout or a refused
/// connection (1 s, 2 s, 4 s by default, or what <c>Retry-After</c> asks); a 4xx other than 429 is not
/// retried (the message or the URL is wrong and will stay so). Failures come back as a
/// <see cref="WebhookDelivery"/>, not as exceptions; nothing logged or returned names the URL.
/// </summary>
public sealed class WebhookSender(HttpClient http, NotificationSettings settings, SecretScrubber scrubber, TimeProvider time)
{
    public async Task<WebhookDelivery> SendAsync(Webhook webhook, SlackMessage message, CancellationToken cancellationToken)
    {
        var json = scrubber.Scrub(message.ToJson());
        string? problem = null;
        var attempts = 0;
        for (var attempt = 0; attempt <= settings.Retries; attempt++)
        {
            attempts++;
            TimeSpan? wait = null;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(settings.Timeout);
            try
            {
                using var content = new StringContent(json, Encoding.UTF8, "application/json");
                using var response = await http.PostAsync(webhook.Url, content, timeout.Token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return new WebhookDelivery(webhook.Name, true, attempts, null);
                }

                problem = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
                if (!Retryable(response.StatusCode))
                {
                    break;
                }

                wait = response.Headers.RetryAfter?.Delta;
            }
            catch (HttpRequestException e)
            {
                problem = $"no answer ({e.HttpRequestError})";
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                problem = $"no answer within {settings.Timeout.TotalSeconds:0.#} s";
            }

            if (attempt < settings.Retries)
            {
                await Task.Delay(wait ?? settings.FirstRetryDelay * Math.Pow(2, attempt), time, cancellationToken).ConfigureAwait(false);
            }
        }

        return new WebhookDelivery(webhook.Name, false, attempts, problem);
    }

    private static bool Retryable(HttpStatusCode status) => status == HttpStatusCode.TooManyRequests || (int)status >= 500;
}
