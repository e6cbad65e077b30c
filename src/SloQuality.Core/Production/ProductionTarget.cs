namespace SloQuality.Core.Production;

/// <summary>One model target whose production SLIs are imported: its model name in the metrics and the queries.</summary>
public sealed record ProductionTarget(string Target, string ModelName, ProductionQueries Queries);
