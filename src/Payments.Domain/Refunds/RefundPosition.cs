namespace Payments.Domain.Refunds;

/// <summary>
/// Where one refund stands among its charge's refunds: whether, with the others that move money, it empties the charge (the full or
/// partial return document), and the total of the others (what the charge still shows refunded if this one fails).
/// </summary>
public sealed record RefundPosition(RefundScope Scope, long OtherRefundsMinor)
{
    /// <param name="chargeAmountMinor">The charge's amount.</param>
    /// <param name="refund">The refund itself, as the flow knows it (its own amount, moving money).</param>
    /// <param name="chargeRefunds">The charge's refunds as Stripe listed them (this refund may be missing from a listing read just before it).</param>
    public static bool TryFind(long chargeAmountMinor, StripeRefund refund, IEnumerable<StripeRefund> chargeRefunds, out RefundPosition position, out string problem)
    {
        position = null!;
        problem = "";
        var others = chargeRefunds.Where(r => r.RefundId != refund.RefundId).ToList();
        if (others.FirstOrDefault(r => !string.Equals(r.Currency, refund.Currency, StringComparison.OrdinalIgnoreCase)) is { } foreign)
        {
            problem = $"refund {foreign.RefundId} of the charge is in {foreign.Currency}, refund {refund.RefundId} in {refund.Currency}";
            return false;
        }
        var otherMinor = others.Where(r => r.MovesMoney).Sum(r => r.AmountMinor);
        if (otherMinor + refund.AmountMinor > chargeAmountMinor)
        {
            problem = $"the charge's refunds ({otherMinor + refund.AmountMinor} minor units with refund {refund.RefundId}) exceed its amount ({chargeAmountMinor})";
            return false;
        }
        position = new RefundPosition(RefundLedger.ScopeOf(chargeAmountMinor, [.. others, refund]), otherMinor);
        return true;
    }
}
