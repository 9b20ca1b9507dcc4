using System.Net;
using Payments.Simulators.Stripe;
using Stripe;

namespace Payments.Simulators.Tests.Stripe;

[TestFixture]
public class When_refunding_charges
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

    async Task<PaymentIntent> PaidAsync(long amount = 10_000) =>
        await _client.V1.PaymentIntents.CreateAsync(new PaymentIntentCreateOptions { Amount = amount, Currency = "usd", PaymentMethod = "pm_card_visa", Confirm = true });

    [Test]
    public async Task Should_add_partial_refunds_up_on_the_charge_until_it_is_refunded()
    {
        var paid = await PaidAsync();

        var first = await _client.V1.Refunds.CreateAsync(new RefundCreateOptions { Charge = paid.LatestChargeId, Amount = 2_500, Reason = "requested_by_customer" });
        var afterFirst = await _client.V1.Charges.GetAsync(paid.LatestChargeId);
        var second = await _client.V1.Refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = paid.Id, Amount = 4_000 });
        var rest = await _client.V1.Refunds.CreateAsync(new RefundCreateOptions { Charge = paid.LatestChargeId });
        var afterAll = await _client.V1.Charges.GetAsync(paid.LatestChargeId);
        var listed = await _client.V1.Refunds.ListAsync(new RefundListOptions { Charge = paid.LatestChargeId });

        Assert.Multiple(() =>
        {
            Assert.That(first.Id, Does.StartWith("re_"));
            Assert.That(first.Status, Is.EqualTo("succeeded"));
            Assert.That(first.Reason, Is.EqualTo("requested_by_customer"));
            Assert.That(afterFirst.AmountRefunded, Is.EqualTo(2_500));
            Assert.That(afterFirst.Refunded, Is.False, "partly refunded is not refunded");
            Assert.That(second.ChargeId, Is.EqualTo(paid.LatestChargeId), "a refund by PaymentIntent refunds its latest charge");
            Assert.That(rest.Amount, Is.EqualTo(3_500), "without an amount: what is left");
            Assert.That(afterAll.AmountRefunded, Is.EqualTo(10_000));
            Assert.That(afterAll.Refunded, Is.True);
            Assert.That(listed.Data.Select(r => r.Amount), Is.EqualTo(new long[] { 3_500, 4_000, 2_500 }));
        });
    }

    [Test]
    public async Task Should_refuse_more_than_is_left_and_a_refund_of_a_refunded_charge()
    {
        var paid = await PaidAsync(1_000);
        await _client.V1.Refunds.CreateAsync(new RefundCreateOptions { Charge = paid.LatestChargeId, Amount = 600 });

        var tooMuch = Assert.ThrowsAsync<StripeException>(() => _client.V1.Refunds.CreateAsync(new RefundCreateOptions { Charge = paid.LatestChargeId, Amount = 500 }))!;
        await _client.V1.Refunds.CreateAsync(new RefundCreateOptions { Charge = paid.LatestChargeId });
        var again = Assert.ThrowsAsync<StripeException>(() => _client.V1.Refunds.CreateAsync(new RefundCreateOptions { Charge = paid.LatestChargeId }))!;

        Assert.Multiple(() =>
        {
            Assert.That(tooMuch.HttpStatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(tooMuch.StripeError.Param, Is.EqualTo("amount"));
            Assert.That(tooMuch.StripeError.Message, Is.EqualTo("Refund amount ($5.00) is greater than unrefunded amount on charge ($4.00)"));
            Assert.That(again.StripeError.Code, Is.EqualTo("charge_already_refunded"));
        });
    }

    [Test]
    public async Task Should_give_each_refund_a_negative_balance_transaction_and_emit_its_events()
    {
        var paid = await PaidAsync(2_000);
        var refund = await _client.V1.Refunds.CreateAsync(new RefundCreateOptions { Charge = paid.LatestChargeId, Amount = 500 },
            new RequestOptions { IdempotencyKey = "refund-1" });
        var transaction = await _client.V1.BalanceTransactions.GetAsync(refund.BalanceTransactionId);
        var events = _fake.Account.Events.Take(2).Reverse().ToList();

        Assert.Multiple(() =>
        {
            Assert.That(transaction.Type, Is.EqualTo("refund"));
            Assert.That(transaction.ReportingCategory, Is.EqualTo("refund"));
            Assert.That(transaction.Amount, Is.EqualTo(-500));
            Assert.That(transaction.Net, Is.EqualTo(-500));
            Assert.That(transaction.SourceId, Is.EqualTo(refund.Id));
            Assert.That(events.Select(e => e.Type), Is.EqualTo(new[] { "charge.refunded", "refund.created" }));
            Assert.That((long?)events[0].Event["data"]!["object"]!["amount_refunded"], Is.EqualTo(500));
            Assert.That((long?)events[0].Event["data"]!["previous_attributes"]!["amount_refunded"], Is.EqualTo(0));
            Assert.That((string?)events[1].Event["request"]!["idempotency_key"], Is.EqualTo("refund-1"));
        });
    }

    [Test]
    public void Should_refuse_a_refund_without_a_charge_or_of_a_failed_charge()
    {
        var nothing = Assert.ThrowsAsync<StripeException>(() => _client.V1.Refunds.CreateAsync(new RefundCreateOptions { Amount = 100 }))!;
        var declined = Assert.ThrowsAsync<StripeException>(() =>
            _client.V1.Charges.CreateAsync(new ChargeCreateOptions { Amount = 900, Currency = "usd", Source = "tok_chargeDeclined" }))!;
        var failed = Assert.ThrowsAsync<StripeException>(() => _client.V1.Refunds.CreateAsync(new RefundCreateOptions { Charge = declined.StripeError.Charge }))!;

        Assert.Multiple(() =>
        {
            Assert.That(nothing.StripeError.Message, Does.Contain("payment_intent or charge"));
            Assert.That(failed.StripeError.Code, Is.EqualTo("charge_not_refundable"));
        });
    }
}
