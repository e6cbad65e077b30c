namespace SloQuality.Core.Production;

/// <summary>A query Prometheus refused or could not answer; the message names the server and the query.</summary>
public sealed class PrometheusQueryException(string message) : Exception(message);
