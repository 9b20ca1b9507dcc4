using MassTransit.Testing;
using Payments.Contracts.Shared;
using Payments.Contracts.StripeRefund;
using Payments.Simulators.Stripe;

namespace Payments.StripeService.Tests.StripeRefund;

/// <summary>The cumulative trap: <c>charge.refunded</c> says 30.00 and then 50.00 refunded; what is reported is each refund's own amount, 30.00 and 20.00.</summary>
[TestFixture]
public class When_a_charge_is_refunded_twice
{
    StripeServiceHost _service = null!;

    [SetUp]
    public async Task Start() => _service = await StripeServiceHost.StartAsync();

    [TearDown]
    public async Task Stop() => await _service.DisposeAsync();

    static StripeChargeRefunded Refunded(string chargeId, long cumulative, string currency = "USD") => new()
    {
        CorrelationId = CorrelationKey.StripeCharge(chargeId).ToGuid(),
        StripeEventId = "evt_" + Guid.NewGuid().ToString("N"),
        ChargeId = chargeId,
        AmountRefundedMinor = cumulative,
        Currency = currency,
        ReportedAt = DateTimeOffset.UtcNow,
    };

    async Task<List<StripeRefundReported>> ReportsAsync(int atLeast)
    {
        for (var i = 0; i < 300 && _service.Harness.Consumed.Select<StripeRefundReported>().Count() < atLeast; i++) await Task.Delay(100);
        return [.. _service.Harness.Consumed.Select<StripeRefundReported>().Select(c => c.Context.Message)];
    }

    [Test]
    public async Task Should_report_each_refunds_own_amount_and_never_the_cumulative_total()
    {
        var chargeId = _service.Stripe.CreateCharge(new ChargeSpec { Amount = 10_000, Currency = "usd" });
        var first = (string)_service.Stripe.Account.CreateRefund(chargeId, null, 3000)["id"]!;
        await _service.Harness.Bus.Publish(Refunded(chargeId, 3000));
        var afterFirst = await ReportsAsync(1);
        var second = (string)_service.Stripe.Account.CreateRefund(chargeId, null, 2000)["id"]!;
        await _service.Harness.Bus.Publish(Refunded(chargeId, 5000));
        var all = await ReportsAsync(3);

        Assert.Multiple(() =>
        {
            Assert.That(afterFirst.Select(r => (r.RefundId, r.AmountMinor)), Is.EqualTo(new[] { (first, 3000L) }));
            Assert.That(all.Select(r => r.AmountMinor), Has.None.EqualTo(5000L), "the cumulative amount_refunded is never reported");
            Assert.That(all.Where(r => r.RefundId == second).Select(r => r.AmountMinor), Is.EqualTo(new[] { 2000L }));
            Assert.That(all.Where(r => r.RefundId == first).Select(r => r.AmountMinor), Is.All.EqualTo(3000L), "reported again, same amount: the saga de-duplicates");
            Assert.That(all.Select(r => r.CorrelationId).Distinct(), Is.EquivalentTo(new[] { CorrelationKey.StripeRefund(first).ToGuid(), CorrelationKey.StripeRefund(second).ToGuid() }));
            Assert.That(all.Select(r => (r.EventType, r.Currency, r.Status, r.ChargeId)).Distinct(), Is.EqualTo(new[] { ("charge.refunded", "USD", "succeeded", chargeId) }));
        });
    }

    [TestCase("jpy", 5000L, 1500L, 1000L)]
    [TestCase("kwd", 10_000L, 3_250L, 1_750L)]
    public async Task Should_keep_zero_and_three_decimal_amounts_in_minor_units(string currency, long amount, long firstAmount, long secondAmount)
    {
        var chargeId = _service.Stripe.CreateCharge(new ChargeSpec { Amount = amount, Currency = currency });
        _service.Stripe.Account.CreateRefund(chargeId, null, firstAmount);
        _service.Stripe.Account.CreateRefund(chargeId, null, secondAmount);

        await _service.Harness.Bus.Publish(Refunded(chargeId, firstAmount + secondAmount, currency.ToUpperInvariant()));
        var reports = await ReportsAsync(2);

        Assert.That(reports.Select(r => (r.AmountMinor, r.Currency)), Is.EquivalentTo(new[] { (firstAmount, currency.ToUpperInvariant()), (secondAmount, currency.ToUpperInvariant()) }));
    }

    [Test]
    public async Task Should_report_a_failed_refund_with_its_reason_and_the_znode_return_it_pays()
    {
        var chargeId = _service.Stripe.CreateCharge(new ChargeSpec { Amount = 4000 });
        var refund = (string)_service.Stripe.Account.CreateRefund(chargeId, null, 1000,
            metadata: Payments.Simulators.Stripe.Account.MetadataUpdate.Set(new Dictionary<string, string> { [StripeMetadataKeys.ZnodeReturnNumber] = "RMA-9" }))["id"]!;
        _service.Stripe.Account.FailRefund(refund, "lost_or_stolen_card");

        await _service.Harness.Bus.Publish(Refunded(chargeId, 0));
        var report = (await ReportsAsync(1)).Single();

        Assert.That((report.Status, report.FailureReason, report.ZnodeReturnNumber), Is.EqualTo(("failed", "lost_or_stolen_card", "RMA-9")));
    }
}
