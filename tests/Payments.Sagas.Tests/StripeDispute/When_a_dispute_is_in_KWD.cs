using Payments.Contracts.StripeDispute;

namespace Payments.Sagas.Tests.StripeDispute;

public class When_a_dispute_is_in_KWD : DisputeSpec
{
    [Test]
    public async Task Should_book_and_reinstate_three_decimal_amounts_unchanged()
    {
        World.Charges[ChargeId] = Charge(amount: 12_340, currency: "KWD");

        await PublishInTurn(
            Reported("charge.dispute.funds_withdrawn", "needs_response", 1, amount: 12_340, currency: "KWD", transactions: Withdrawal(12_340, 4_500, "KWD")),
            Reported("charge.dispute.closed", "won", 9, amount: 12_340, currency: "KWD",
                transactions: [Withdrawal(12_340, 4_500, "KWD"), Reinstatement(12_340, -4_500, "KWD")]));

        var saga = await WaitForState(Machine.Won);
        Assert.Multiple(() =>
        {
            Assert.That(Journals.Select(j => (j.Kind, j.AmountMinor, j.FeeMinor, j.Currency)),
                Is.EqualTo(new[] { ("Withdrawal", -12_340L, 4_500L, "KWD"), ("Reinstatement", 12_340L, -4_500L, "KWD") }));
            Assert.That((saga.AmountMinor, saga.Currency), Is.EqualTo((12_340L, "KWD")));
        });
    }
}
