using System.Net;
using Payments.Simulators.Stripe;
using Stripe;

namespace Payments.Simulators.Tests.Stripe;

/// <summary>A payout the bank returns after Stripe reported it paid: failed, its money back in the balance, and the next payout takes it.</summary>
[TestFixture]
public class When_a_payout_fails
{
    StripeApiFake _fake = null!;
    StripeClient _client = null!;
    ControlClient _control = null!;
    string _payoutId = null!;
    long _amount;

    [SetUp]
    public async Task Start()
    {
        _fake = await StripeApiFake.StartAsync(new StripeApiFakeOptions { SeedFixtureCharge = false });
        _client = StripeClients.For(_fake);
        _control = new ControlClient(_fake.BaseUrl);
        await _client.V1.PaymentIntents.CreateAsync(new PaymentIntentCreateOptions { Amount = 10_000, Currency = "usd", PaymentMethod = "pm_card_visa", Confirm = true });
        var payout = _fake.Account.RunPayouts("usd").Single();
        (_payoutId, _amount) = ((string)payout["id"]!, (long)payout["amount"]!);
    }

    [TearDown]
    public async Task Stop()
    {
        _control.Dispose();
        await _fake.DisposeAsync();
    }

    [Test]
    public async Task Should_fail_with_the_code_and_put_the_money_back_in_a_payout_reversal()
    {
        var (status, body) = await _control.PostRawAsync($"/_sim/payouts/{_payoutId}/fail", """{"failure_code": "account_closed"}""");
        var payout = await _client.V1.Payouts.GetAsync(_payoutId, new PayoutGetOptions { Expand = ["failure_balance_transaction"] });
        var balance = await _client.V1.Balance.GetAsync();
        var events = _fake.Account.Events.Take(2).Reverse().ToList();

        Assert.Multiple(() =>
        {
            Assert.That((status, (string?)body!["status"]), Is.EqualTo((HttpStatusCode.OK, "failed")));
            Assert.That((payout.Status, payout.FailureCode, payout.FailureMessage), Is.EqualTo(("failed", "account_closed", "The bank account has been closed.")));
            var reversal = payout.FailureBalanceTransaction;
            Assert.That((reversal.Type, reversal.ReportingCategory, reversal.Amount, reversal.Net, reversal.Status),
                Is.EqualTo(("payout_failure", "payout_reversal", _amount, _amount, "available")));
            Assert.That(reversal.SourceId, Is.EqualTo(_payoutId));
            Assert.That(balance.Available.Single(a => a.Currency == "usd").Amount, Is.EqualTo(_amount), "the money is back in the balance");
            Assert.That(events.Select(e => e.Type), Is.EqualTo(new[] { "payout.updated", "payout.failed" }));
            Assert.That((string?)events[0].Event["data"]!["previous_attributes"]!["status"], Is.EqualTo("paid"));
            Assert.That((string?)events[1].Event["data"]!["object"]!["failure_code"], Is.EqualTo("account_closed"));
        });
    }

    [Test]
    public async Task Should_keep_its_transactions_listed_and_pay_the_returned_money_out_again()
    {
        _fake.Account.FailPayout(_payoutId, "no_account");

        var stillListed = _client.V1.BalanceTransactions.ListAutoPaging(new BalanceTransactionListOptions { Payout = _payoutId }).Select(t => t.Type).ToList();
        var next = _fake.Account.RunPayouts("usd").Single();
        var nextListed = _client.V1.BalanceTransactions.ListAutoPaging(new BalanceTransactionListOptions { Payout = (string)next["id"]! }).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(stillListed, Is.EquivalentTo(new[] { "charge", "payout" }));
            Assert.That((long)next["amount"]!, Is.EqualTo(_amount));
            Assert.That(nextListed.Select(t => (t.Type, t.ReportingCategory)), Is.EquivalentTo(new[] { ("payout_failure", "payout_reversal"), ("payout", "payout") }));
        });
    }

    [Test]
    public async Task Should_take_the_camel_case_name_default_to_account_closed_and_refuse_what_cannot_fail()
    {
        var (unknown, unknownBody) = await _control.PostAsync($"/_sim/payouts/{_payoutId}/fail", new { failureCode = "bank_on_fire" });
        var (failed, failedBody) = await _control.PostAsync($"/_sim/payouts/{_payoutId}/fail");
        var (again, againBody) = await _control.PostAsync($"/_sim/payouts/{_payoutId}/fail", new { failureCode = "declined" });
        var (missing, _) = await _control.PostAsync("/_sim/payouts/po_nothing/fail");

        Assert.Multiple(() =>
        {
            Assert.That(unknown, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That((string?)unknownBody!["error"], Does.StartWith("Invalid failure_code: must be one of account_closed"));
            Assert.That((failed, (string?)failedBody!["failure_code"]), Is.EqualTo((HttpStatusCode.OK, "account_closed")));
            Assert.That(again, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That((string?)againBody!["error"], Is.EqualTo($"Payout {_payoutId} is failed and cannot fail."));
            Assert.That(missing, Is.EqualTo(HttpStatusCode.BadRequest));
        });
    }
}
