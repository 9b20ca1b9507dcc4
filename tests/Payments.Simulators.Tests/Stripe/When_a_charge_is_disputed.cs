using System.Net;
using Payments.Simulators.Stripe;
using Stripe;

namespace Payments.Simulators.Tests.Stripe;

/// <summary>Stripe's dispute test cards: a chargeback withdraws the amount and the fee, an inquiry moves no money; evidence decides in test mode.</summary>
[TestFixture]
public class When_a_charge_is_disputed
{
    StripeApiFake _fake = null!;
    StripeClient _client = null!;

    [SetUp]
    public async Task Start()
    {
        _fake = await StripeApiFake.StartAsync(new StripeApiFakeOptions
        {
            // An account that also settles in KWD: a three-decimal dispute is withdrawn in its own currency, not converted.
            SeedFixtureCharge = false, DisputeFee = 1500, DisputeResponseWindow = TimeSpan.FromDays(7), SettlementCurrencies = ["usd", "kwd"],
        });
        _client = StripeClients.For(_fake);
    }

    [TearDown]
    public async Task Stop() => await _fake.DisposeAsync();

    async Task<PaymentIntent> PaidAsync(string card, long amount = 10_000, string currency = "usd") =>
        await _client.V1.PaymentIntents.CreateAsync(new PaymentIntentCreateOptions { Amount = amount, Currency = currency, PaymentMethod = card, Confirm = true });

    async Task<Dispute> DisputeOfAsync(string chargeId) => (await _client.V1.Disputes.ListAsync(new DisputeListOptions { Charge = chargeId })).Data.Single();

    [Test]
    public async Task Should_open_a_chargeback_and_withdraw_the_amount_with_the_dispute_fee()
    {
        var paid = await PaidAsync("pm_card_createDispute");

        var dispute = await DisputeOfAsync(paid.LatestChargeId);
        var charge = await _client.V1.Charges.GetAsync(paid.LatestChargeId);
        var withdrawal = dispute.BalanceTransactions.Single();
        var types = _fake.Account.Events.Select(e => e.Type).Reverse().ToList();

        Assert.Multiple(() =>
        {
            Assert.That(dispute.Id, Does.StartWith("du_"));
            Assert.That((dispute.Status, dispute.Reason, dispute.Amount, dispute.Currency), Is.EqualTo(("needs_response", "fraudulent", 10_000L, "usd")));
            Assert.That((dispute.ChargeId, dispute.PaymentIntentId), Is.EqualTo((paid.LatestChargeId, paid.Id)));
            Assert.That(dispute.EvidenceDetails.DueBy, Is.EqualTo(dispute.Created.AddDays(7)).Within(TimeSpan.FromSeconds(1)));
            Assert.That((withdrawal.Amount, withdrawal.Fee, withdrawal.Net, withdrawal.ReportingCategory), Is.EqualTo((-10_000L, 1500L, -11_500L, "dispute")));
            Assert.That(charge.Disputed, Is.True);
            Assert.That(types, Is.SupersetOf(new[] { "charge.dispute.created", "charge.dispute.funds_withdrawn" }));
            Assert.That(types.IndexOf("charge.dispute.created"), Is.GreaterThan(types.IndexOf("charge.succeeded")));
            Assert.That(types.IndexOf("charge.dispute.funds_withdrawn"), Is.GreaterThan(types.IndexOf("charge.dispute.created")));
        });
    }

    [Test]
    public async Task Should_open_an_inquiry_without_moving_money()
    {
        var paid = await PaidAsync("pm_card_createDisputeInquiry", 5000, "jpy");

        var dispute = await DisputeOfAsync(paid.LatestChargeId);

        Assert.Multiple(() =>
        {
            Assert.That((dispute.Status, dispute.Amount, dispute.Currency), Is.EqualTo(("warning_needs_response", 5000L, "jpy")));
            Assert.That(dispute.BalanceTransactions, Is.Empty);
            Assert.That(_fake.Account.Events.Select(e => e.Type), Does.Not.Contain("charge.dispute.funds_withdrawn"));
        });
    }

    [Test]
    public async Task Should_win_with_winning_evidence_and_reinstate_the_funds_and_fee()
    {
        var paid = await PaidAsync("pm_card_createDispute", 12_340, "kwd");
        var dispute = await DisputeOfAsync(paid.LatestChargeId);

        var updated = await _client.V1.Disputes.UpdateAsync(dispute.Id, new DisputeUpdateOptions { Evidence = new DisputeEvidenceOptions { UncategorizedText = "winning_evidence" } });
        var types = _fake.Account.Events.Select(e => e.Type).Reverse().SkipWhile(t => t != "charge.dispute.updated").ToList();

        Assert.Multiple(() =>
        {
            Assert.That(updated.Status, Is.EqualTo("won"));
            Assert.That(updated.BalanceTransactions.Select(t => (t.Amount, t.Fee, t.ReportingCategory)),
                Is.EqualTo(new[] { (-12_340L, 1500L, "dispute"), (12_340L, -1500L, "dispute_reversal") }));
            Assert.That(types, Is.EqualTo(new[] { "charge.dispute.updated", "charge.dispute.funds_reinstated", "charge.dispute.closed" }));
        });
    }

    [Test]
    public async Task Should_lose_with_losing_evidence_and_keep_the_funds_withdrawn()
    {
        var paid = await PaidAsync("pm_card_createDispute");
        var dispute = await DisputeOfAsync(paid.LatestChargeId);

        var updated = await _client.V1.Disputes.UpdateAsync(dispute.Id, new DisputeUpdateOptions { Evidence = new DisputeEvidenceOptions { UncategorizedText = "losing_evidence" } });

        Assert.That(updated.Status, Is.EqualTo("lost"));
        Assert.That(updated.BalanceTransactions.Select(t => t.ReportingCategory), Is.EqualTo(new[] { "dispute" }));
        Assert.That(_fake.Account.Events.First().Type, Is.EqualTo("charge.dispute.closed"));
    }

    [Test]
    public async Task Should_keep_unsubmitted_evidence_without_deciding()
    {
        var paid = await PaidAsync("pm_card_createDispute");
        var dispute = await DisputeOfAsync(paid.LatestChargeId);

        var updated = await _client.V1.Disputes.UpdateAsync(dispute.Id, new DisputeUpdateOptions
        {
            Evidence = new DisputeEvidenceOptions { UncategorizedText = "winning_evidence" }, Submit = false, Metadata = new() { ["case"] = "42" },
        });

        Assert.That((updated.Status, updated.EvidenceDetails.HasEvidence, updated.Metadata["case"]), Is.EqualTo(("needs_response", true, "42")));
    }

    [Test]
    public async Task Should_close_a_dispute_from_the_control_route_and_refuse_a_second_close()
    {
        var paid = await PaidAsync("pm_card_createDispute");
        var dispute = await DisputeOfAsync(paid.LatestChargeId);
        using var control = new ControlClient(_fake.BaseUrl);

        var (status, closed) = await control.PostAsync($"/_sim/disputes/{dispute.Id}/close", new { outcome = "won" });
        var (again, error) = await control.PostAsync($"/_sim/disputes/{dispute.Id}/close", new { outcome = "lost" });
        var (bad, _) = await control.PostAsync($"/_sim/disputes/{dispute.Id}/close", new { outcome = "maybe" });

        Assert.Multiple(() =>
        {
            Assert.That((status, (string?)closed!["status"]), Is.EqualTo((HttpStatusCode.OK, "won")));
            Assert.That(again, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That((string?)error!["error"], Does.Contain("already closed"));
            Assert.That(bad, Is.EqualTo(HttpStatusCode.BadRequest));
        });
    }

    [Test]
    public async Task Should_accept_a_dispute_as_lost_and_refuse_refunds_of_a_charged_back_charge()
    {
        var paid = await PaidAsync("pm_card_createDispute");
        var dispute = await DisputeOfAsync(paid.LatestChargeId);

        var refused = Assert.ThrowsAsync<StripeException>(() => _client.V1.Refunds.CreateAsync(new RefundCreateOptions { Charge = paid.LatestChargeId }))!;
        var accepted = await _client.V1.Disputes.CloseAsync(dispute.Id);

        Assert.That(refused.StripeError.Code, Is.EqualTo("charge_disputed"));
        Assert.That(accepted.Status, Is.EqualTo("lost"));
    }

    [Test]
    public async Task Should_open_a_dispute_on_a_seeded_charge_paid_with_a_dispute_card()
    {
        using var control = new ControlClient(_fake.BaseUrl);

        var (status, charge) = await control.PostAsync("/_sim/charges", new { amount = 2000, currency = "usd", card = "createDisputeInquiry" });
        var (unknown, _) = await control.PostAsync("/_sim/charges", new { amount = 2000, currency = "usd", card = "noSuchCard" });

        Assert.That(status, Is.EqualTo(HttpStatusCode.Created));
        Assert.That((await DisputeOfAsync((string)charge!["id"]!)).Status, Is.EqualTo("warning_needs_response"));
        Assert.That(unknown, Is.EqualTo(HttpStatusCode.BadRequest));
    }
}
