namespace SloQuality.Server;

/// <summary>
/// Endpoint metadata: the access a request needs to reach this endpoint, for reads (GET, HEAD) and for
/// everything else. An endpoint without a rule needs full access, so a route added without thinking
/// about access is closed, not open.
/// </summary>
public sealed record AccessRule(Access.Level Reads, Access.Level Writes)
{
    public static AccessRule Anonymous { get; } = new(Access.Level.None, Access.Level.None);

    /// <summary>Any credential reads; a full one writes.</summary>
    public static AccessRule ReadOnlyReads { get; } = new(Access.Level.ReadOnly, Access.Level.Full);

    public static AccessRule FullOnly { get; } = new(Access.Level.Full, Access.Level.Full);

    public Access.Level For(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) ? Reads : Writes;
}
