using MassTransit.Testing;
using Payments.Contracts.StripeDispute;

namespace Payments.Sagas.Tests.StripeDispute;

public class When_a_dispute_is_opened : DisputeSpec
{
    [Test]
    public async Task Should_hold_the_P21_order_and_book_the_withdrawal()
    {
        await PublishInTurn(
            Reported("charge.dispute.created", "needs_response", 0),
            Reported("charge.dispute.funds_withdrawn", "needs_response", 1, transactions: Withdrawal()));

        var saga = await WaitForState(Machine.Open);
        var journal = Journals.Single();
        var hold = Harness.Published.Select<HoldP21OrderForDispute>().Single().Context.Message;
        Assert.Multiple(() =>
        {
            Assert.That((journal.BalanceTransactionId, journal.Kind, journal.AmountMinor, journal.FeeMinor, journal.Currency),
                Is.EqualTo(("txn_withdrawal", "Withdrawal", -10_000L, 1_500L, "USD")));
            Assert.That((journal.P21OrderNo, journal.ChargeId, journal.OccurredAt), Is.EqualTo(("1001234", ChargeId, T0.AddMinutes(1))));
            Assert.That((hold.P21OrderNo, hold.Reason), Is.EqualTo(("1001234", $"Stripe dispute {DisputeId} (fraudulent) on charge {ChargeId}")));
            Assert.That((saga.BookedBalanceTransactionIds, saga.HoldMethod), Is.EqualTo(("txn_withdrawal", "approved=N")));
            Assert.That(saga.JournalReferences, Is.EqualTo("txn_withdrawal Withdrawal JE-txn_withdrawal\n"));
        });
    }

    [Test]
    public async Task Should_record_that_a_Znode_sale_has_no_P21_order_to_hold()
    {
        World.Charges[ChargeId] = Charge(p21OrderNo: null, znodeOrderNumber: "ZN-1001");

        await PublishInTurn(Reported("charge.dispute.funds_withdrawn", "needs_response", 1, transactions: Withdrawal()));

        var saga = await WaitForState(Machine.Open);
        Assert.Multiple(() =>
        {
            Assert.That(Count<HoldP21OrderForDispute>(), Is.Zero);
            Assert.That(saga.HoldNote, Is.EqualTo("nothing to hold: the sale is Znode order ZN-1001, which has no P21 order"));
            Assert.That(Journals.Single().ZnodeOrderNumber, Is.EqualTo("ZN-1001"));
        });
    }

    [Test]
    public async Task Should_pass_yen_and_dinar_amounts_in_their_own_minor_units()
    {
        World.Charges[ChargeId] = Charge(amount: 9_000, currency: "JPY");
        await PublishInTurn(Reported("charge.dispute.funds_withdrawn", "needs_response", 1, amount: 9_000, currency: "JPY",
            transactions: Withdrawal(amount: 9_000, fee: 2_000, currency: "jpy")));
        await WaitForState(Machine.Open);

        var yen = Journals.Single();
        Assert.That((yen.AmountMinor, yen.FeeMinor, yen.Currency), Is.EqualTo((-9_000L, 2_000L, "JPY")));
    }
}
