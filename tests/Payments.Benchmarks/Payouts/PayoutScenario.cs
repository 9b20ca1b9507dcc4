using System.Text.Json.Nodes;
using Payments.Contracts.PayoutReconciliation;
using Payments.Contracts.Shared;
using Payments.Simulators.Stripe.Account;

namespace Payments.Benchmarks.Payouts;

/// <summary>
/// One automatic payout of <c>N</c> sales, each charge with its P21 order in its metadata (<c>p21_order_no</c> = <c>SO-1</c> … <c>SO-N</c>, or
/// another prefix),
/// and the rest of a working day so that every kind of line the journal has appears: three partial refunds, a chargeback left open
/// (the amount and the dispute fee withdrawn) and one won (withdrawn, then reinstated). Seeded in bulk, settled, paid out.
/// </summary>
public static class PayoutScenario
{
    public const long ChargeAmount = 5_000;
    public const long RefundAmount = 1_000;
    public const int Refunds = 3;

    /// <summary>Charges the refunds and disputes need (refunded and disputed charges are different ones).</summary>
    public const int MinimumCharges = Refunds + 2;

    /// <summary>Balance transactions besides the charges: the refunds, two withdrawals, one reinstatement, the payout's own.</summary>
    public const int ExtraTransactions = Refunds + 2 + 1 + 1;

    /// <summary>Seeds and pays out; the next call makes the next payout, of its own charges only.</summary>
    /// <param name="orderPrefix">The P21 order numbers' prefix, so that two payouts of one account name different orders.</param>
    public static SeededPayout Seed(StripeAccount stripe, int charges, string orderPrefix = "SO-")
    {
        ArgumentNullException.ThrowIfNull(stripe);
        ArgumentOutOfRangeException.ThrowIfLessThan(charges, MinimumCharges);
        var ids = stripe.AddCharges(charges, ChargeAmount, "usd", new Dictionary<string, string> { [StripeMetadataKeys.P21OrderNo] = orderPrefix + "{n}" });
        for (var i = 0; i < Refunds; i++) stripe.CreateRefund(ids[i], null, RefundAmount);
        stripe.OpenDispute(ids[Refunds]);
        var won = (string)stripe.OpenDispute(ids[Refunds + 1])["id"]!;
        stripe.CloseDispute(won, won: true);
        stripe.SettleAll();
        var payout = stripe.RunPayouts("usd") switch
        {
            [var only] => only,
            var payouts => throw new InvalidOperationException($"Expected one USD payout from the Stripe fake, got {payouts.Count}."),
        };
        return new SeededPayout(payout, charges, charges + ExtraTransactions);
    }
}

/// <summary>The payout as the Stripe fake made it, and how many balance transactions it holds (its own included).</summary>
public sealed record SeededPayout(JsonObject Payout, int Charges, int Transactions)
{
    public string Id => (string)Payout["id"]!;

    public long AmountMinor => (long)Payout["amount"]!;

    /// <summary>The saga's first command for this payout, as it sends it once the payout is paid and reconciled by Stripe.</summary>
    public ListPayoutTransactions ListCommand => new()
    {
        CorrelationId = CorrelationKey.StripePayout(Id).ToGuid(),
        PayoutId = Id,
        Run = 1,
        AmountMinor = AmountMinor,
        Currency = ((string)Payout["currency"]!).ToUpperInvariant(),
        Automatic = (bool)Payout["automatic"]!,
        ArrivalDate = DateTimeOffset.FromUnixTimeSeconds((long)Payout["arrival_date"]!),
    };

    /// <summary>The saga's next command, with the totals the listing answered.</summary>
    public PostPayoutJournal PostCommand(PayoutTotals totals)
    {
        var list = ListCommand;
        return new PostPayoutJournal
        {
            CorrelationId = list.CorrelationId, PayoutId = Id, AmountMinor = AmountMinor, Currency = list.Currency, ArrivalDate = list.ArrivalDate, Totals = totals,
        };
    }
}
