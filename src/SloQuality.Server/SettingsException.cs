namespace SloQuality.Server;

/// <summary>A setting (an <c>SLOQ_</c> variable) that cannot be used; the message says which and what was expected. Exit 2, no stack trace.</summary>
public sealed class SettingsException(string message) : Exception(message);
