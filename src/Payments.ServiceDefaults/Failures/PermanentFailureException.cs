namespace Payments.ServiceDefaults.Failures;

/// <summary>
/// A failure that retrying cannot fix (validation, a P21 business rule, bad credentials).
/// The retry policy skips these so the message goes straight to the <c>_error</c> queue with its reason.
/// </summary>
public class PermanentFailureException : Exception
{
    public PermanentFailureException(string reason, string? system = null, Exception? inner = null)
        : base(reason, inner)
    {
        Reason = reason;
        System = system;
    }

    /// <summary>The reason in the words of the system that refused (e.g. P21's message), for the operator.</summary>
    public string Reason { get; }

    /// <summary>Which outside system refused: "P21", "Stripe", "Znode"; null for our own validation.</summary>
    public string? System { get; }
}
