namespace SloQuality.Core.Slo;

/// <summary>The latencies kept as sketches: time to first token, inter-token gaps, total request time.</summary>
public enum LatencyMetric { Ttft, InterToken, Total }
