using Payments.Domain.Disputes;

namespace Payments.Domain.Tests.Disputes;

public class When_booking_dispute_amounts
{
    [Test]
    public void Should_take_the_disputed_amount_and_the_fee_of_a_withdrawal()
    {
        var amounts = DisputeJournalAmounts.Of(new DisputeTransaction("txn_w", -10_000, 1_500, "usd", "dispute"));

        Assert.That(amounts, Is.EqualTo(new DisputeJournalAmounts(DisputeBookingKind.Withdrawal, 100.00m, 15.00m, "USD")));
        Assert.That(amounts.Total, Is.EqualTo(115.00m));
    }

    [Test]
    public void Should_give_back_the_amount_and_the_returned_fee_of_a_reinstatement()
    {
        var amounts = DisputeJournalAmounts.Of(new DisputeTransaction("txn_r", 10_000, -1_500, "USD", "dispute_reversal"));

        Assert.That(amounts, Is.EqualTo(new DisputeJournalAmounts(DisputeBookingKind.Reinstatement, 100.00m, 15.00m, "USD")));
    }

    [Test]
    public void Should_read_yen_without_decimals()
    {
        var amounts = DisputeJournalAmounts.Of(DisputeBookingKind.Withdrawal, -9_000, 2_000, "JPY");

        Assert.That((amounts.Disputed, amounts.Fee), Is.EqualTo((9_000m, 2_000m)));
    }

    [Test]
    public void Should_read_dinars_with_three_decimals()
    {
        var amounts = DisputeJournalAmounts.Of(DisputeBookingKind.Reinstatement, 12_340, 0, "KWD");

        Assert.That((amounts.Disputed, amounts.Fee, amounts.Currency), Is.EqualTo((12.340m, 0m, "KWD")));
    }

    [TestCase(DisputeBookingKind.Withdrawal, 10_000)]
    [TestCase(DisputeBookingKind.Reinstatement, -10_000)]
    [TestCase(DisputeBookingKind.Withdrawal, 0)]
    public void Should_refuse_an_amount_whose_sign_does_not_fit_its_kind(DisputeBookingKind kind, long amount) =>
        Assert.That(() => DisputeJournalAmounts.Of(kind, amount, 0, "USD"), Throws.ArgumentException.With.Message.Contains("must be"));
}
