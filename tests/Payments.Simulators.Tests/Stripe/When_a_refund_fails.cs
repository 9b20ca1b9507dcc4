using System.Net;
using Payments.Simulators.Stripe;
using Stripe;

namespace Payments.Simulators.Tests.Stripe;

/// <summary>Stripe's refund-failure card (4000000000005126): the refund is answered succeeded and fails afterwards, and the money comes back.</summary>
[TestFixture]
public class When_a_refund_fails
{
    StripeApiFake _fake = null!;
    StripeClient _client = null!;

    [SetUp]
    public async Task Start()
    {
        _fake = await StripeApiFake.StartAsync(new StripeApiFakeOptions { SeedFixtureCharge = false });
        _client = StripeClients.For(_fake);
    }

    [TearDown]
    public async Task Stop() => await _fake.DisposeAsync();

    [Test]
    public async Task Should_answer_succeeded_then_fail_and_put_the_money_back()
    {
        var paid = await _client.V1.PaymentIntents.CreateAsync(new PaymentIntentCreateOptions { Amount = 5000, Currency = "usd", PaymentMethod = "pm_card_refundFail", Confirm = true });

        var created = await _client.V1.Refunds.CreateAsync(new RefundCreateOptions { Charge = paid.LatestChargeId, Amount = 3000 });
        var later = await _client.V1.Refunds.GetAsync(created.Id, new RefundGetOptions { Expand = ["failure_balance_transaction"] });
        var charge = await _client.V1.Charges.GetAsync(paid.LatestChargeId);
        var types = _fake.Account.Events.Select(e => e.Type).Take(5).Reverse().ToList();

        Assert.Multiple(() =>
        {
            Assert.That(created.Status, Is.EqualTo("succeeded"), "Stripe answers the create before the refund fails");
            Assert.That((later.Status, later.FailureReason), Is.EqualTo(("failed", "expired_or_canceled_card")));
            Assert.That((later.FailureBalanceTransaction.Amount, later.FailureBalanceTransaction.ReportingCategory), Is.EqualTo((3000L, "refund_failure")));
            Assert.That(charge.AmountRefunded, Is.EqualTo(0));
            Assert.That(types, Is.EqualTo(new[] { "charge.refunded", "refund.created", "refund.updated", "charge.refund.updated", "refund.failed" }));
        });
    }

    [Test]
    public async Task Should_fail_any_refund_from_the_control_route()
    {
        var paid = await _client.V1.PaymentIntents.CreateAsync(new PaymentIntentCreateOptions { Amount = 1000, Currency = "jpy", PaymentMethod = "pm_card_visa", Confirm = true });
        var refund = await _client.V1.Refunds.CreateAsync(new RefundCreateOptions { Charge = paid.LatestChargeId, Amount = 400 });
        using var control = new ControlClient(_fake.BaseUrl);

        var (status, failed) = await control.PostAsync($"/_sim/refunds/{refund.Id}/fail", new { failureReason = "lost_or_stolen_card" });
        var (again, _) = await control.PostAsync($"/_sim/refunds/{refund.Id}/fail", new { });

        Assert.Multiple(() =>
        {
            Assert.That((status, (string?)failed!["status"], (string?)failed["failure_reason"]), Is.EqualTo((HttpStatusCode.OK, "failed", "lost_or_stolen_card")));
            Assert.That(again, Is.EqualTo(HttpStatusCode.BadRequest), "a failed refund cannot fail again");
        });
    }
}
