namespace Payments.Domain.Reconciliation;

/// <summary>Re-evaluating a payout's flags once more is known, without touching its journal.</summary>
public static class PayoutFlags
{
    /// <summary>
    /// The flags that still hold now that <paramref name="chargesWithOrder"/> know their orders: an unknown-order flag goes
    /// when its charge has an order; every other flag stays (money does not change by learning about orders). The journal's
    /// lines never depend on orders, so re-running after the missing order landed composes the same lines and the same
    /// fingerprint, and the caller sees it already posted rather than posting twice.
    /// </summary>
    public static IReadOnlyList<PayoutFlag> Reevaluate(IEnumerable<PayoutFlag> flags, IReadOnlySet<string> chargesWithOrder) =>
        flags.Where(f => f.Kind != PayoutFlagKind.UnknownOrder || f.ChargeId is null || !chargesWithOrder.Contains(f.ChargeId)).ToArray();
}
