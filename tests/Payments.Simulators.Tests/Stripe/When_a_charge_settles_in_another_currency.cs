using System.Net;
using Payments.Simulators.Stripe;
using Stripe;

namespace Payments.Simulators.Tests.Stripe;

/// <summary>
/// A charge in a currency the account does not settle in is converted, as Stripe converts it: the charge keeps its own currency and
/// amount, its balance transaction (and those of its refunds and disputes) are in the settlement currency with <c>exchange_rate</c> set.
/// </summary>
[TestFixture]
public class When_a_charge_settles_in_another_currency
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

    async Task<Charge> PaidAsync(StripeClient client, long amount, string currency, string paymentMethod = "pm_card_visa")
    {
        var intent = await client.V1.PaymentIntents.CreateAsync(new PaymentIntentCreateOptions { Amount = amount, Currency = currency, PaymentMethod = paymentMethod, Confirm = true });
        return await client.V1.Charges.GetAsync(intent.LatestChargeId, new ChargeGetOptions { Expand = ["balance_transaction"] });
    }

    [Test]
    public async Task Should_settle_a_euro_charge_in_dollars_with_its_rate_and_its_fee_on_the_dollars()
    {
        var euros = await PaidAsync(_client, 1_000, "eur");
        var dollars = await PaidAsync(_client, 10_000, "usd");

        Assert.Multiple(() =>
        {
            Assert.That((euros.Amount, euros.Currency), Is.EqualTo((1_000L, "eur")), "the charge keeps what the customer paid");
            var settled = euros.BalanceTransaction;
            Assert.That((settled.Amount, settled.Currency, settled.ExchangeRate), Is.EqualTo((1_080L, "usd", (decimal?)1.08m)), "10.00 EUR × 1.08");
            Assert.That((settled.Fee, settled.Net), Is.EqualTo((61L, 1_019L)), "2.9 % of 10.80 USD + 0.30 USD");
            Assert.That(settled.FeeDetails.Single().Currency, Is.EqualTo("usd"));
            var unchanged = dollars.BalanceTransaction;
            Assert.That((unchanged.Amount, unchanged.Fee, unchanged.Currency, unchanged.ExchangeRate), Is.EqualTo((10_000L, 320L, "usd", (decimal?)null)),
                "a charge in the settlement currency is not converted");
        });
    }

    [Test]
    public async Task Should_convert_the_refunds_and_disputes_of_a_converted_charge_and_pay_them_out_in_one_payout()
    {
        var euros = await PaidAsync(_client, 1_000, "eur");
        var refund = await _client.V1.Refunds.CreateAsync(new RefundCreateOptions { Charge = euros.Id, Amount = 400 });
        var yen = await PaidAsync(_client, 5_000, "jpy", "pm_card_createDispute");
        var dollars = await PaidAsync(_client, 10_000, "usd");
        var dispute = (await _client.V1.Disputes.ListAsync(new DisputeListOptions { Charge = yen.Id })).Single();
        var won = await _client.V1.Disputes.UpdateAsync(dispute.Id, new DisputeUpdateOptions { Evidence = new DisputeEvidenceOptions { UncategorizedText = "winning_evidence" } });

        var payout = _fake.Account.RunPayouts().Single();
        var listed = _client.V1.BalanceTransactions.ListAutoPaging(new BalanceTransactionListOptions { Payout = (string)payout["id"]!, Expand = ["data.source"] }).ToList();

        Assert.Multiple(() =>
        {
            var refunded = listed.Single(t => t.Type == "refund");
            Assert.That((refunded.Amount, refunded.Currency, refunded.ExchangeRate), Is.EqualTo((-432L, "usd", (decimal?)1.08m)), "4.00 EUR × 1.08, out");
            Assert.That(((Refund)refunded.Source).Id, Is.EqualTo(refund.Id));
            Assert.That((((Refund)refunded.Source).Amount, ((Refund)refunded.Source).Currency), Is.EqualTo((400L, "eur")), "the source keeps the original amount");
            Assert.That(yen.BalanceTransaction.Amount, Is.EqualTo(3_350L), "5000 JPY × 0.0067 = 33.50 USD");
            Assert.That(won.BalanceTransactions.Select(t => (t.Amount, t.Fee, t.Currency, t.ExchangeRate)), Is.EqualTo(new[]
            {
                (-3_350L, 1_500L, "usd", (decimal?)0.0067m), (3_350L, -1_500L, "usd", (decimal?)0.0067m),
            }), "the disputed yen leave and come back as the charge settled them; the dispute fee is in dollars");
            Assert.That((string?)payout["currency"], Is.EqualTo("usd"));
            Assert.That(listed.Select(t => t.Currency).Distinct(), Is.EqualTo(new[] { "usd" }), "one settlement currency, one payout");
            Assert.That(listed.Where(t => t.Type != "payout").Sum(t => t.Net), Is.EqualTo((long)payout["amount"]!));
            var charge = listed.Single(t => t.SourceId == euros.Id);
            Assert.That((((Charge)charge.Source).Amount, ((Charge)charge.Source).Currency, charge.ExchangeRate), Is.EqualTo((1_000L, "eur", (decimal?)1.08m)));
            Assert.That(listed.Single(t => t.SourceId == dollars.Id).ExchangeRate, Is.Null);
        });
    }

    [Test]
    public async Task Should_give_back_what_a_failed_refund_of_a_converted_charge_took()
    {
        var euros = await PaidAsync(_client, 2_000, "eur");
        var refund = await _client.V1.Refunds.CreateAsync(new RefundCreateOptions { Charge = euros.Id, Amount = 999 });

        var failed = _fake.Account.FailRefund(refund.Id);
        var taken = await _client.V1.BalanceTransactions.GetAsync(refund.BalanceTransactionId);
        var given = await _client.V1.BalanceTransactions.GetAsync((string)failed["failure_balance_transaction"]!);

        Assert.Multiple(() =>
        {
            Assert.That((taken.Amount, taken.ExchangeRate), Is.EqualTo((-1_079L, (decimal?)1.08m)), "9.99 EUR × 1.08 = 10.7892 USD, rounded");
            Assert.That((given.Amount, given.Currency, given.ExchangeRate, given.ReportingCategory), Is.EqualTo((1_079L, "usd", (decimal?)1.08m, "refund_failure")));
        });
    }

    [Test]
    public async Task Should_settle_in_a_currency_the_account_settles_in_and_convert_at_a_configured_rate()
    {
        await using var fake = await StripeApiFake.StartAsync(new StripeApiFakeOptions
        {
            SeedFixtureCharge = false, SettlementCurrencies = ["usd", "eur"], ExchangeRates = new Dictionary<string, decimal> { ["gbp"] = 1.25m },
        });
        var client = StripeClients.For(fake);

        var euros = await PaidAsync(client, 1_000, "eur");
        var pounds = await PaidAsync(client, 1_000, "gbp");
        var payouts = fake.Account.RunPayouts();

        Assert.Multiple(() =>
        {
            Assert.That((euros.BalanceTransaction.Amount, euros.BalanceTransaction.Currency, euros.BalanceTransaction.ExchangeRate), Is.EqualTo((1_000L, "eur", (decimal?)null)));
            Assert.That((pounds.BalanceTransaction.Amount, pounds.BalanceTransaction.Currency, pounds.BalanceTransaction.ExchangeRate), Is.EqualTo((1_250L, "usd", (decimal?)1.25m)),
                "into the first settlement currency, at the configured rate");
            Assert.That(payouts.Select(p => (string?)p["currency"]), Is.EquivalentTo(new[] { "usd", "eur" }), "a payout per settlement currency");
        });
    }

    [Test]
    public async Task Should_convert_into_a_zero_decimal_settlement_currency()
    {
        await using var fake = await StripeApiFake.StartAsync(new StripeApiFakeOptions
        {
            SeedFixtureCharge = false, SettlementCurrencies = ["jpy"], ExchangeRates = new Dictionary<string, decimal> { ["usd"] = 150m }, FeeFixed = 0,
        });

        var settled = (await PaidAsync(StripeClients.For(fake), 1_000, "usd")).BalanceTransaction;

        Assert.That((settled.Amount, settled.Fee, settled.Currency, settled.ExchangeRate), Is.EqualTo((1_500L, 44L, "jpy", (decimal?)150m)),
            "10.00 USD × 150 = 1500 JPY (no minor unit); 2.9 % of it is 43.5, rounded half away from zero");
    }

    [Test]
    public void Should_refuse_a_currency_it_can_neither_settle_in_nor_convert()
    {
        var refused = Assert.ThrowsAsync<StripeException>(() => _client.V1.PaymentIntents.CreateAsync(new PaymentIntentCreateOptions
        {
            Amount = 1_000, Currency = "sek", PaymentMethod = "pm_card_visa", Confirm = true,
        }))!;

        Assert.Multiple(() =>
        {
            Assert.That(refused.HttpStatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(refused.StripeError.Param, Is.EqualTo("currency"));
            Assert.That(refused.StripeError.Message, Does.Contain("cannot convert sek into usd"));
            Assert.That(_fake.Account.List("payment_intent"), Is.Empty, "nothing was made");
        });
    }
}
