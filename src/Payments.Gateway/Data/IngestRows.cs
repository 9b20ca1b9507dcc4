namespace Payments.Gateway.Data;

/// <summary>
/// Which replica runs a job of the gateway (the missed-event sweep): the one named in the row until it expires. Taken with one
/// conditional <c>UPDATE</c> (mine, or expired), as the Znode pollers' leases are.
/// </summary>
public sealed class IngestLease
{
    public required string Name { get; init; }
    public required string Holder { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}

/// <summary>
/// How far a reader of Stripe's history has come: the sweep (<c>sweep</c>: every event created up to <see cref="Through"/> was
/// looked at) or one backfill (<c>backfill:…</c>, named by its range and types: where to go on after an interruption).
/// </summary>
public sealed class IngestCheckpoint
{
    public required string Name { get; init; }
    /// <summary>The creation time (Stripe's <c>created</c>) read through.</summary>
    public DateTimeOffset Through { get; set; }
    /// <summary>A backfill's position inside a list (the last object id fed, Stripe's <c>starting_after</c>); null when none.</summary>
    public string? Cursor { get; set; }
    /// <summary>How many events it fed so far (new ones, not duplicates).</summary>
    public long Fed { get; set; }
    /// <summary>Done: a finished backfill run again starts nothing.</summary>
    public bool Completed { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>Optimistic concurrency: two runs that read the checkpoint cannot both move it.</summary>
    public long Version { get; set; }
}
