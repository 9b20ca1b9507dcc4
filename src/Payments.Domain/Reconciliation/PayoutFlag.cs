namespace Payments.Domain.Reconciliation;

public enum PayoutFlagKind
{
    /// <summary>The balance transactions' nets do not sum to the payout's amount.</summary>
    NetMismatch,
    /// <summary>A charge, refund or dispute that no order is known for (yet).</summary>
    UnknownOrder,
    /// <summary>A manual payout, or one without balance transactions: Stripe cannot say what it paid out.</summary>
    ManualPayout,
}

/// <summary>
/// Why a payout cannot be reconciled as it stands, in words a controller can act on. A flag stops the journal from being
/// posted; it is never balanced away with a plug line.
/// </summary>
public sealed record PayoutFlag(PayoutFlagKind Kind, string Reason, string? BalanceTransactionId = null, string? ChargeId = null);
