namespace Payments.Persistence.Audit;

public static class AuditSystems
{
    public const string P21 = "p21";
    public const string Znode = "znode";
    public const string Stripe = "stripe";
    /// <summary>An event received (a webhook, a polled Znode change, a swept Stripe event).</summary>
    public const string Intake = "intake";
    /// <summary>A person's action through the console or the CLI.</summary>
    public const string Operator = "operator";
}

public static class AuditOutcomes
{
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    /// <summary>Refused before anything was written (validation, a forged signature, no role).</summary>
    public const string Refused = "refused";
    /// <summary>
    /// Sent, with no outcome recorded yet: written before the request goes out (no write without an entry) and completed when the
    /// answer comes. One left pending means the process stopped, or the audit database failed, between the two.
    /// </summary>
    public const string Pending = "pending";
}
