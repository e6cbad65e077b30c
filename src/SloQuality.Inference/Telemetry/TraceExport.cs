using OpenTelemetry;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using SloQuality.Core.Evaluation;

namespace SloQuality.Inference.Telemetry;

/// <summary>
/// Traces leave the process over OTLP when the standard variables ask for it
/// (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c> or <c>OTEL_EXPORTER_OTLP_TRACES_ENDPOINT</c>; protocol, headers and
/// compression from their own standard variables), and not otherwise. The CLI and the service build
/// their tracing here, so both export the same spans the same way.
/// </summary>
public static class TraceExport
{
    public static bool Enabled(Func<string, string?> environment) =>
        !string.IsNullOrWhiteSpace(environment("OTEL_EXPORTER_OTLP_ENDPOINT"))
        || !string.IsNullOrWhiteSpace(environment("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"));

    /// <summary>Our spans, named after the service unless <c>OTEL_SERVICE_NAME</c> names it, to OTLP.</summary>
    public static TracerProviderBuilder Configure(TracerProviderBuilder builder, string serviceName, Func<string, string?> environment) => builder
        .ConfigureResource(r =>
        {
            if (string.IsNullOrWhiteSpace(environment("OTEL_SERVICE_NAME")))
            {
                r.AddService(serviceName);
            }
        })
        .AddSource(RunTracing.SourceName)
        .AddOtlpExporter();

    /// <summary>For a process without a host (the CLI): a provider to dispose at exit, which flushes; null when export is off.</summary>
    public static TracerProvider? StartFromEnvironment(string serviceName) =>
        Enabled(Environment.GetEnvironmentVariable)
            ? Configure(Sdk.CreateTracerProviderBuilder(), serviceName, Environment.GetEnvironmentVariable).Build()
            : null;
}
