namespace SloQuality.Storage;

/// <summary>The SQL databases the result store runs on.</summary>
public enum SqlDialect { Sqlite, Postgres }
