namespace SloQuality.Core.Production;

/// <summary>What one import of one target brought in.</summary>
public sealed record ProductionImport(string Target, DateTimeOffset FirstSlice, DateTimeOffset LastSlice, int Slices, long Requests, long TtftSamples);
