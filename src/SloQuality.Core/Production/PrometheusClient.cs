using System.Globalization;
using System.Text.Json;

namespace SloQuality.Core.Production;

/// <summary>
/// The part of Prometheus' HTTP API the importer needs: range and instant queries. A failed query
/// throws with Prometheus' own error text and the query, so a wrong override says what is wrong.
/// </summary>
public sealed class PrometheusClient(HttpClient http, Uri baseUrl)
{
    public async Task<IReadOnlyList<PrometheusSeries>> QueryRangeAsync(string query, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken cancellationToken)
    {
        var path = $"api/v1/query_range?query={Uri.EscapeDataString(query)}&start={Unix(start)}&end={Unix(end)}&step={step.TotalSeconds.ToString(CultureInfo.InvariantCulture)}";
        return await GetAsync(path, query, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<PrometheusSeries>> QueryAsync(string query, DateTimeOffset? at, CancellationToken cancellationToken)
    {
        var path = $"api/v1/query?query={Uri.EscapeDataString(query)}" + (at is { } t ? $"&time={Unix(t)}" : string.Empty);
        return await GetAsync(path, query, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<PrometheusSeries>> GetAsync(string path, string query, CancellationToken cancellationToken)
    {
        var uri = new Uri(new Uri(baseUrl.ToString().TrimEnd('/') + "/"), path);
        using var response = await http.GetAsync(uri, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            throw new PrometheusQueryException($"Prometheus at {baseUrl} answered HTTP {(int)response.StatusCode} without JSON to '{query}'");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.GetProperty("status").GetString() != "success")
            {
                var error = root.TryGetProperty("error", out var e) ? e.GetString() : "unknown error";
                throw new PrometheusQueryException($"Prometheus at {baseUrl} refused '{query}': {error}");
            }

            var data = root.GetProperty("data");
            var type = data.GetProperty("resultType").GetString();
            return data.GetProperty("result").EnumerateArray().Select(r => Series(r, type)).ToList();
        }
    }

    private static PrometheusSeries Series(JsonElement result, string? type)
    {
        var labels = result.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? string.Empty, StringComparer.Ordinal);
        var samples = type == "matrix"
            ? result.GetProperty("values").EnumerateArray().Select(Sample).ToList()
            : [Sample(result.GetProperty("value"))];
        return new PrometheusSeries(labels, samples);
    }

    private static (double Time, double Value) Sample(JsonElement pair) =>
        (pair[0].GetDouble(), double.Parse(pair[1].GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture));

    private static string Unix(DateTimeOffset time) => (time.ToUnixTimeMilliseconds() / 1000.0).ToString("0.###", CultureInfo.InvariantCulture);
}
