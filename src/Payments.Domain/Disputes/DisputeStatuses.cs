namespace Payments.Domain.Disputes;

/// <summary>Where a dispute stands, from what it means for the books and the order rather than Stripe's exact status.</summary>
public enum DisputePhase
{
    /// <summary><c>warning_needs_response</c>, <c>warning_under_review</c>: an inquiry; no money moved, nothing held.</summary>
    Inquiry,
    /// <summary><c>needs_response</c>, <c>under_review</c>: a chargeback; the funds are (or will be) withdrawn, the order is held.</summary>
    Open,
    /// <summary><c>won</c>: the funds come back; the hold is released once the reinstatement is booked.</summary>
    Won,
    /// <summary><c>lost</c>: final; the hold stays (the goods must not ship).</summary>
    Lost,
    /// <summary><c>warning_closed</c> (an inquiry that never became a chargeback) or <c>prevented</c>: closed, no money moved by the dispute.</summary>
    Closed,
}

/// <summary>Stripe's dispute statuses (docs.stripe.com/api/disputes/object#dispute_object-status) and what each means here.</summary>
public static class DisputeStatuses
{
    public const string WarningNeedsResponse = "warning_needs_response";
    public const string WarningUnderReview = "warning_under_review";
    public const string WarningClosed = "warning_closed";
    public const string NeedsResponse = "needs_response";
    public const string UnderReview = "under_review";
    public const string Won = "won";
    public const string Lost = "lost";
    public const string Prevented = "prevented";

    public static DisputePhase PhaseOf(string status) => status switch
    {
        WarningNeedsResponse or WarningUnderReview => DisputePhase.Inquiry,
        NeedsResponse or UnderReview => DisputePhase.Open,
        Won => DisputePhase.Won,
        Lost => DisputePhase.Lost,
        WarningClosed or Prevented => DisputePhase.Closed,
        _ => throw new ArgumentException($"'{status}' is not a Stripe dispute status this flow knows " +
            $"({string.Join(", ", WarningNeedsResponse, WarningUnderReview, WarningClosed, NeedsResponse, UnderReview, Won, Lost, Prevented)}).", nameof(status)),
    };

    public static bool IsKnown(string status) => status is WarningNeedsResponse or WarningUnderReview or WarningClosed or NeedsResponse or UnderReview
        or Won or Lost or Prevented;

    /// <summary>The merchant still owes a response (evidence) by <c>evidence_details.due_by</c>: the only statuses the evidence alert is for.</summary>
    public static bool AwaitsEvidence(string status) => status is NeedsResponse or WarningNeedsResponse;

    /// <summary>Won, lost or closed: Stripe changes nothing more.</summary>
    public static bool IsClosed(DisputePhase phase) => phase is DisputePhase.Won or DisputePhase.Lost or DisputePhase.Closed;
}
