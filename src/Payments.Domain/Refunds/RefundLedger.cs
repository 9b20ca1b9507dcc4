namespace Payments.Domain.Refunds;

/// <summary>
/// Decides what each refund of a charge books, keyed by the refund's id. Stripe's <c>amount_refunded</c> on a charge is
/// cumulative (30.00, then 50.00 after a second refund of 20.00): booking it would book 30.00 twice. The ledger books each
/// refund's own amount once, reverses a booked refund that later fails, and never books a refund that is already booked,
/// however often and in whatever order the events arrive.
/// </summary>
public static class RefundLedger
{
    /// <param name="refunds">The charge's refunds as Stripe lists them now (the event's <c>refunds.data</c>, or a fresh read).</param>
    /// <param name="booked">What was booked so far, by refund id: the amount booked (a reversal removes the entry).</param>
    public static IReadOnlyList<RefundBooking> Decide(IEnumerable<StripeRefund> refunds, IReadOnlyDictionary<string, long> booked)
    {
        var bookings = new List<RefundBooking>();
        foreach (var refund in refunds.OrderBy(r => r.Created).ThenBy(r => r.RefundId, StringComparer.Ordinal))
        {
            var alreadyBooked = booked.TryGetValue(refund.RefundId, out var amount);
            if (refund.MovesMoney && !alreadyBooked)
                bookings.Add(new RefundBooking(refund.RefundId, refund.AmountMinor, refund.Currency, RefundBookingKind.Book));
            else if (!refund.MovesMoney && alreadyBooked)
                bookings.Add(new RefundBooking(refund.RefundId, amount, refund.Currency, RefundBookingKind.Reverse));
        }
        return bookings;
    }

    /// <summary>
    /// Whether a refund empties the charge (full) or leaves some of it (partial), counting every refund that moves money —
    /// the choice between a full and a partial return document in the ERP is made on this, by configuration.
    /// </summary>
    public static RefundScope ScopeOf(long chargeAmountMinor, IEnumerable<StripeRefund> refunds)
    {
        var refunded = refunds.Where(r => r.MovesMoney).Sum(r => r.AmountMinor);
        if (refunded > chargeAmountMinor)
            throw new ArgumentException($"Refunds of {refunded} exceed the charge's {chargeAmountMinor} minor units.", nameof(refunds));
        return refunded == chargeAmountMinor ? RefundScope.Full : RefundScope.Partial;
    }
}

public enum RefundScope { Partial, Full }
