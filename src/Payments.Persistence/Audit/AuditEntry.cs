namespace Payments.Persistence.Audit;

/// <summary>
/// One write to P21, Znode or Stripe (or one event received, or one operator action), with what caused it and how it ended.
/// Secrets never enter an entry: <see cref="Request"/> holds the request's essentials, already scrubbed.
/// </summary>
public sealed record AuditEntry
{
    /// <summary>
    /// Time-ordered (UUID version 7), so the entries' key and the references' entry index grow at one end instead of taking each new
    /// entry on a random page of a day's index (each page, once per checkpoint, written whole to PostgreSQL's write-ahead log). An
    /// intake's id is name-based instead (<see cref="AuditIds.IntakeEntryOf(string)"/>): the same event, the same entry; time-ordered too
    /// where the event's moment is stored with it (a Stripe event's record, <see cref="AuditIds.IntakeEntryOf(string, DateTimeOffset)"/>).
    /// </summary>
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required DateTimeOffset At { get; init; }
    /// <summary>The service that wrote the entry, e.g. <c>p21-service</c>.</summary>
    public required string Service { get; init; }
    /// <summary><see cref="AuditSystems"/>: the system written to or received from.</summary>
    public required string System { get; init; }
    /// <summary>What was done, e.g. <c>POST /api/sales/orders</c>, <c>webhook charge.succeeded</c>, <c>redrive</c>.</summary>
    public required string Action { get; init; }
    /// <summary>The flow (one of <c>FlowNames</c>) and the step (the message being handled, e.g. <c>PostP21Order</c>).</summary>
    public string? Flow { get; init; }
    public string? Step { get; init; }
    /// <summary>The correlation key the flow is about, e.g. <c>stripe-payment:pi_123</c>.</summary>
    public string? Subject { get; init; }
    /// <summary>The Stripe or Znode event behind it, e.g. <c>evt_123</c> or <c>znode-order:1001</c>.</summary>
    public string? CausedBy { get; init; }
    /// <summary>MassTransit's conversation id: joins a write to the event received that began it.</summary>
    public Guid? ConversationId { get; init; }
    /// <summary>The request's essentials (ids, amounts, changed fields), secrets removed.</summary>
    public string? Request { get; init; }
    /// <summary><see cref="AuditOutcomes"/>.</summary>
    public required string Outcome { get; init; }
    public int? StatusCode { get; init; }
    /// <summary>What came back: the id created, or the error in words.</summary>
    public string? Result { get; init; }
    public long? DurationMs { get; init; }
    /// <summary>The person behind an operator action (console, CLI); null for the services' own writes.</summary>
    public string? Actor { get; init; }
    /// <summary>Every id the entry is about, space-separated (ch_…, pi_…, po_…, cus_…, P21 order numbers), for look-up.</summary>
    public string References { get; init; } = "";
}
