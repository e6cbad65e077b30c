namespace SloQuality.Core.Slo;

/// <summary>The SLOs of <c>slos.yaml</c> and the file-wide availability counting rules.</summary>
public sealed record SloSet(IReadOnlyList<SloDefinition> Slos, AvailabilityCounting Availability);
