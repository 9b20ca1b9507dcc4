namespace Payments.Contracts.StripeDispute;

/// <summary>One balance transaction of a dispute: a withdrawal (negative amount, with the dispute fee) or a reinstatement (positive).</summary>
public record DisputeBalanceTransaction
{
    public required string Id { get; init; }
    /// <summary>Signed, in the settlement currency's minor units: negative for a withdrawal, positive for a reinstatement.</summary>
    public required long AmountMinor { get; init; }
    /// <summary>The fee Stripe charged with it (the dispute fee), positive; a returned fee is negative.</summary>
    public required long FeeMinor { get; init; }
    /// <summary>ISO 4217, upper case: the settlement currency.</summary>
    public required string Currency { get; init; }
    /// <summary>Stripe's <c>reporting_category</c>: <c>dispute</c> or <c>dispute_reversal</c>.</summary>
    public required string ReportingCategory { get; init; }
}
