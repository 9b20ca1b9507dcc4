namespace Payments.Gateway.Backfill;

/// <summary>
/// The kinds of Stripe object a backfill replays (<c>--types</c>): each event type belongs to the kind of its object, and four kinds
/// can also be read from their object lists for history older than the events API keeps (30 days).
/// </summary>
public static class BackfillKinds
{
    /// <summary>The object lists of the kinds that have one, oldest history first in the order a payment's life runs.</summary>
    public static readonly IReadOnlyDictionary<string, string> ObjectLists = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["charge"] = "/v1/charges",
        ["refund"] = "/v1/refunds",
        ["dispute"] = "/v1/disputes",
        ["payout"] = "/v1/payouts",
    };

    /// <summary>The kind of an event type: its object's (a <c>charge.dispute.created</c> is a dispute's, a <c>charge.refund.updated</c> a refund's).</summary>
    public static string Of(string eventType) => eventType switch
    {
        _ when eventType.StartsWith("charge.dispute.", StringComparison.Ordinal) => "dispute",
        _ when eventType.StartsWith("charge.refund.", StringComparison.Ordinal) => "refund",
        _ when eventType.StartsWith("customer.subscription.", StringComparison.Ordinal) => "subscription",
        _ when eventType.StartsWith("radar.early_fraud_warning.", StringComparison.Ordinal) => "early_fraud_warning",
        _ => eventType.Split('.')[0],
    };

    /// <summary>Order within one time window: charges before their refunds and disputes, payouts last.</summary>
    public static int Rank(string kind) => kind switch
    {
        "customer" => 0,
        "payment_intent" => 1,
        "charge" => 2,
        "subscription" => 3,
        "invoice" => 4,
        "refund" => 5,
        "early_fraud_warning" => 6,
        "dispute" => 7,
        "payout" => 8,
        _ => 9,
    };

    /// <summary>
    /// The event an object stands for when it is read from its list (history older than the events API): the type whose mapper
    /// reads the object in its present state (a paid payout as <c>payout.paid</c>, a closed dispute as <c>charge.dispute.closed</c>).
    /// Null for an object no flow takes in that state (a failed charge, a pending payout's later states are its own events).
    /// </summary>
    public static string? EventTypeOf(string kind, string? status) => (kind, status) switch
    {
        ("charge", "succeeded") => "charge.succeeded",
        ("charge", _) => null,
        ("refund", _) => "refund.created",
        ("dispute", "won" or "lost") => "charge.dispute.closed",
        ("dispute", _) => "charge.dispute.created",
        ("payout", "paid") => "payout.paid",
        ("payout", "failed") => "payout.failed",
        ("payout", "canceled") => "payout.canceled",
        ("payout", _) => "payout.created",
        _ => null,
    };
}
