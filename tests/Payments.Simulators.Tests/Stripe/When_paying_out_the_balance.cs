using System.Net;
using System.Net.Http.Headers;
using Payments.Simulators.Stripe;
using Stripe;

namespace Payments.Simulators.Tests.Stripe;

/// <summary>Payouts and balance transactions that add up, as payout reconciliation reads them.</summary>
[TestFixture]
public class When_paying_out_the_balance
{
    ManualTimeProvider _clock = null!;
    StripeApiFake _fake = null!;
    StripeClient _client = null!;

    [SetUp]
    public async Task Start()
    {
        _clock = ManualTimeProvider.At("2026-03-10T12:00:00Z");
        _fake = await StripeApiFake.StartAsync(new StripeApiFakeOptions { SeedFixtureCharge = false, AvailableAfter = TimeSpan.FromDays(2) }, _clock);
        _client = StripeClients.For(_fake);
    }

    [TearDown]
    public async Task Stop() => await _fake.DisposeAsync();

    async Task<Charge> ChargeAsync(long amount, string paymentMethod = "pm_card_visa")
    {
        var intent = await _client.V1.PaymentIntents.CreateAsync(new PaymentIntentCreateOptions { Amount = amount, Currency = "usd", PaymentMethod = paymentMethod, Confirm = true });
        return await _client.V1.Charges.GetAsync(intent.LatestChargeId);
    }

    [Test]
    public async Task Should_charge_stripes_fee_on_each_balance_transaction()
    {
        var charge = await ChargeAsync(10_000);
        var transaction = await _client.V1.BalanceTransactions.GetAsync(charge.BalanceTransactionId);

        Assert.Multiple(() =>
        {
            Assert.That(transaction.Amount, Is.EqualTo(10_000));
            Assert.That(transaction.Fee, Is.EqualTo(320), "2.9 % + 30");
            Assert.That(transaction.Net, Is.EqualTo(9_680));
            Assert.That(transaction.FeeDetails.Single().Type, Is.EqualTo("stripe_fee"));
            Assert.That(transaction.Status, Is.EqualTo("pending"));
            Assert.That(transaction.AvailableOn, Is.EqualTo(_clock.GetUtcNow().AddDays(2).UtcDateTime));
            Assert.That(transaction.ReportingCategory, Is.EqualTo("charge"));
        });
    }

    [Test]
    public async Task Should_group_the_available_transactions_in_a_payout_whose_nets_add_up()
    {
        var first = await ChargeAsync(10_000);
        var second = await ChargeAsync(5_000);
        await _client.V1.Refunds.CreateAsync(new RefundCreateOptions { Charge = first.Id, Amount = 1_000 });
        _clock.Advance(TimeSpan.FromDays(2));
        var later = await ChargeAsync(7_000); // still pending: not in this payout

        var payout = _fake.Account.RunPayouts().Single();
        var payoutId = (string)payout["id"]!;
        var transactions = _client.V1.BalanceTransactions.ListAutoPaging(new BalanceTransactionListOptions
        {
            Payout = payoutId, Expand = ["data.source"], Limit = 2,
        }).ToList();
        var viaStripe = await _client.V1.Payouts.GetAsync(payoutId);
        var balance = await _client.V1.Balance.GetAsync();

        Assert.Multiple(() =>
        {
            Assert.That(viaStripe.Amount, Is.EqualTo(9_680 + 4_825 - 1_000));
            Assert.That(viaStripe.Automatic, Is.True);
            Assert.That(viaStripe.Status, Is.EqualTo("paid"));
            Assert.That(viaStripe.ReconciliationStatus, Is.EqualTo("completed"));
            Assert.That(transactions.Select(t => t.Type), Is.EquivalentTo(new[] { "charge", "charge", "refund", "payout" }));
            Assert.That(transactions.Where(t => t.Type != "payout").Sum(t => t.Net), Is.EqualTo(viaStripe.Amount));
            Assert.That(transactions.Sum(t => t.Net), Is.Zero, "the payout's own transaction takes the amount out");
            Assert.That(transactions.Single(t => t.Type == "payout").Id, Is.EqualTo(viaStripe.BalanceTransactionId));
            Assert.That(transactions.Where(t => t.Type == "charge").Select(t => ((Charge)t.Source).Id), Is.EquivalentTo(new[] { first.Id, second.Id }));
            Assert.That(transactions.Single(t => t.Type == "refund").Source, Is.TypeOf<Refund>());
            Assert.That(transactions.Single(t => t.Type == "payout").Source, Is.TypeOf<Payout>());
            Assert.That(transactions.Select(t => t.SourceId), Does.Not.Contain(later.Id));
            Assert.That(balance.Available.Single(a => a.Currency == "usd").Amount, Is.Zero);
            Assert.That(balance.Pending.Single(a => a.Currency == "usd").Amount, Is.EqualTo(7_000 - 233));
            Assert.That(_fake.Account.Events.Take(3).Select(e => e.Type).Reverse(),
                Is.EqualTo(new[] { "payout.created", "payout.paid", "payout.reconciliation_completed" }));
        });
    }

    [Test]
    public async Task Should_pay_out_nothing_twice_and_nothing_when_nothing_is_available()
    {
        await ChargeAsync(1_000, "pm_card_bypassPending");

        var first = _fake.Account.RunPayouts("usd");
        var second = _fake.Account.RunPayouts("usd");

        Assert.Multiple(() =>
        {
            Assert.That(first, Has.Count.EqualTo(1));
            Assert.That(second, Is.Empty);
        });
    }

    [Test]
    public async Task Should_pay_out_manually_no_more_than_is_available_and_refuse_to_list_its_transactions()
    {
        await ChargeAsync(1_000, "pm_card_bypassPending");

        var tooMuch = Assert.ThrowsAsync<StripeException>(() => _client.V1.Payouts.CreateAsync(new PayoutCreateOptions { Amount = 5_000, Currency = "usd" }))!;
        var manual = await _client.V1.Payouts.CreateAsync(new PayoutCreateOptions { Amount = 500, Currency = "usd" });
        var filter = Assert.ThrowsAsync<StripeException>(() => _client.V1.BalanceTransactions.ListAsync(new BalanceTransactionListOptions { Payout = manual.Id }))!;
        var automatic = _fake.Account.RunPayouts().Single();

        Assert.Multiple(() =>
        {
            Assert.That(tooMuch.StripeError.Code, Is.EqualTo("balance_insufficient"));
            Assert.That(manual.Automatic, Is.False);
            Assert.That(filter.StripeError.Message, Is.EqualTo("Balance transaction history can only be filtered on automatic transfers, not manual."));
            Assert.That((long)automatic["amount"]!, Is.EqualTo(1_000 - 59 - 500), "the automatic payout takes what the manual one left");
        });
    }

    [Test]
    public async Task Should_run_payouts_and_settle_pending_funds_over_the_control_api()
    {
        await ChargeAsync(4_000);
        using var control = new ControlClient(_fake.BaseUrl);

        var (nothing, refusal) = await control.PostAsync("/_sim/payouts");
        var (_, settled) = await control.PostAsync("/_sim/balance/settle");
        var (noEuros, euros) = await control.PostAsync("/_sim/payouts", new { currency = "eur" });
        var (created, body) = await control.PostAsync("/_sim/payouts", new { currency = "usd" });

        Assert.Multiple(() =>
        {
            Assert.That(nothing, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That((string?)refusal!["error"], Does.Contain("No available balance"));
            Assert.That((int?)settled!["settled"], Is.EqualTo(1));
            Assert.That(noEuros, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That((string?)euros!["error"], Does.EndWith("in eur."));
            Assert.That(created, Is.EqualTo(HttpStatusCode.Created));
            Assert.That((long?)body!["payouts"]![0]!["amount"], Is.EqualTo(4_000 - 146));
        });
    }

    [Test]
    public async Task Should_make_a_payout_off_by_the_skew_asked_for_as_a_fault_injection()
    {
        await ChargeAsync(4_000, "pm_card_bypassPending");
        using var control = new ControlClient(_fake.BaseUrl);

        var (created, body) = await control.PostAsync("/_sim/payouts", new { currency = "usd", amountSkewMinor = 1 });
        var payoutId = (string)body!["payouts"]![0]!["id"]!;
        var payout = await _client.V1.Payouts.GetAsync(payoutId);
        var listed = _client.V1.BalanceTransactions.ListAutoPaging(new BalanceTransactionListOptions { Payout = payoutId }).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(created, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(payout.Amount, Is.EqualTo(4_000 - 146 + 1), "a cent more than its transactions");
            Assert.That(listed.Where(t => t.Type != "payout").Sum(t => t.Net), Is.EqualTo(payout.Amount - 1));
            Assert.That(listed.Single(t => t.Type == "payout").Amount, Is.EqualTo(-payout.Amount), "its own transaction takes out what it pays");
        });
    }

    [Test]
    public async Task Should_refuse_a_skew_that_leaves_nothing_to_pay()
    {
        await ChargeAsync(1_000, "pm_card_bypassPending");
        using var control = new ControlClient(_fake.BaseUrl);

        var (status, body) = await control.PostAsync("/_sim/payouts", new { amountSkewMinor = -5_000 });

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That((string?)body!["error"], Does.Contain("nothing to pay"));
            Assert.That(_fake.Account.List("payout"), Is.Empty);
        });
    }
}
