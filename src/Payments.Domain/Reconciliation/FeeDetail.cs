namespace Payments.Domain.Reconciliation;

/// <summary>
/// One entry of a balance transaction's <c>fee_details</c>: a kind of fee (<c>stripe_fee</c>, <c>application_fee</c>,
/// <c>payment_method_passthrough_fee</c>, <c>tax</c>, <c>withheld_tax</c>) and its positive amount in the balance
/// transaction's currency (docs/external-apis/stripe.md#reporting-categories-and-fee-types).
/// </summary>
public sealed record FeeDetail(string Type, long AmountMinor, string Currency, string? Description = null);
