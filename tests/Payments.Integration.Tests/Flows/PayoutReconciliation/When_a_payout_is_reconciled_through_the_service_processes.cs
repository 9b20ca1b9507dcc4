using System.Text.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Payments.Cli;
using Payments.Contracts.PayoutReconciliation;
using Payments.Contracts.Shared;
using Payments.ServiceDefaults;
using Payments.Simulators.P21.Store;
using Payments.Simulators.Stripe;
using Payments.Simulators.Stripe.Webhooks;

namespace Payments.Integration.Tests.Flows.PayoutReconciliation;

/// <summary>
/// Stripe payouts reconciled through the gateway, saga host, Stripe service and P21 service, each its own process on RabbitMQ: the Stripe
/// fake pays out its available balance and sends its signed <c>payout.*</c> events to the gateway; the Stripe service lists the payout's
/// balance transactions, and P21 must get one balanced journal per payout (reference <c>payout:&lt;id&gt;</c>), never one for a payout that
/// does not reconcile, never a second one, and its exact opposite once when the bank returns the payout.
/// </summary>
[TestFixture]
[NonParallelizable]
public class When_a_payout_is_reconciled_through_the_service_processes : FlowFixture
{
    const string PayoutSagaQueue = "payout-state";
    const string ListQueue = "list-payout-transactions";
    const string PostJournalQueue = "post-payout-journal";
    const string ReverseJournalQueue = "reverse-payout-journal";
    const string SagasProject = "Payments.Sagas";

    [OneTimeSetUp]
    public async Task ConnectStripe()
    {
        foreach (var queue in new[] { PayoutSagaQueue, ListQueue, PostJournalQueue, ReverseJournalQueue })
            await Broker.WaitForConsumerAsync(queue, Within);
        // The alert a flagged payout raises, seen on the fixture's observer queue beside FlowCompleted and FlowFailed.
        await Broker.DeclareObserverAsync(typeof(PayoutReconciliationFlagged));
        Stripe.Webhooks.Configure(Gateway.BaseUrl + "/webhooks/stripe", WebhookSecret);
    }

    /// <summary>
    /// Each test's payout must hold only that test's own balance transactions: whatever an earlier test (or the fake's seeded charge) left
    /// available is paid out first while the fake sends no events, so no service ever hears of that payout.
    /// </summary>
    [SetUp]
    public async Task PayOutWhatEarlierTestsLeft()
    {
        await Stripe.Webhooks.WaitForDeliveriesAsync();
        Stripe.Webhooks.Disable();
        try
        {
            Stripe.Account.SettleAll();
            Stripe.Account.RunPayouts("usd");
        }
        finally
        {
            Stripe.Webhooks.Configure(Gateway.BaseUrl + "/webhooks/stripe", WebhookSecret);
        }
    }

    [Test]
    public async Task Should_post_one_balanced_journal_for_a_payout_of_sales_a_refund_a_dispute_and_fees()
    {
        // Three web sales that became P21 orders (the charge-to-order flow wrote p21_order_no on each charge) ...
        ChargeSpec[] sales = [NewCharge(), NewCharge(), NewCharge()];
        foreach (var sale in sales)
        {
            var (status, body) = await PostChargeSucceededAsync(sale);
            Assert.That(status, Is.EqualTo(200), body);
        }
        await WaitForEachPublishedAsync<FlowCompleted>([.. sales.Select(s => CorrelationKey.StripePayment(s.PaymentIntentId, s.Id))]);
        // ... 20.00 of the first refunded (an RMA, by the refund flow), a chargeback on the third (withdrawn with its fee, journaled by the
        // dispute flow), each settled by its own flow before the payout, as the days before a payout go.
        var refundId = (string)Stripe.Account.CreateRefund(sales[0].Id, null, 2_000, "requested_by_customer")["id"]!;
        await WaitForPublishedAsync<FlowCompleted>(CorrelationKey.StripeRefund(refundId), $"refund {refundId}");
        var disputeId = (string)Stripe.Account.OpenDispute(sales[2].Id)["id"]!;
        var withdrawal = DisputeTransactionIds(disputeId).Single();
        await WaitUntilAsync(() => P21.Store.Ledger.Lines.Any(l => (l.Source + " " + l.Description).Contains(withdrawal, StringComparison.Ordinal)),
            "the dispute's withdrawal journaled");

        Stripe.Account.SettleAll();
        var (payoutId, amount) = RunPayout();
        var completed = await WaitForPublishedAsync<FlowCompleted>(CorrelationKey.StripePayout(payoutId), $"payout {payoutId}");
        var queues = await Broker.WaitUntilDrainedAsync(Within);

        // What Stripe took: its processing fee on each sale, the disputed amount and the dispute fee.
        var gross = sales.Sum(s => s.Amount);
        var saleFees = sales.Sum(s => Fee((string)Stripe.GetCharge(s.Id)!["balance_transaction"]!));
        var disputeFee = Fee(withdrawal);
        var disputed = -Amount(withdrawal);
        var journal = JournalOf(payoutId);
        var row = await PayoutRowAsync(payoutId);
        var report = await RunPaymentsCommandAsync("payouts", "report", payoutId, "--format", "csv");
        Assert.Multiple(() =>
        {
            Assert.That(amount, Is.EqualTo(gross - saleFees - 2_000 - disputed - disputeFee), "the fake's payout: the sales net of fees, less the refund and the dispute");
            Assert.That(journal.Select(l => l.TransactionNumber).Distinct().Count(), Is.EqualTo(1), "one P21 journal for the payout");
            Assert.That(journal.Sum(l => l.Amount), Is.Zero, "the journal balances");
            Assert.That(AccountTotals(journal), Is.EquivalentTo(new Dictionary<string, decimal>
            {
                [P21Seed.PayoutBankClearingAccount] = amount / 100m,
                [P21Seed.StripeFeesAccount] = saleFees / 100m,
                // The sales leave Stripe clearing, where the other flows booked them, less the refund, the disputed amount and its fee.
                [P21Seed.StripeClearingAccount] = -(gross - 2_000 - disputed - disputeFee) / 100m,
            }), "bank = the payout's amount, Stripe's fees, Stripe clearing cleared");
            Assert.That(journal.Where(l => l.AccountNumber == P21Seed.StripeClearingAccount).Select(l => l.Amount), Is.EquivalentTo(new[]
            {
                -gross / 100m, 20.00m, disputed / 100m, disputeFee / 100m,
            }), "a line each for the sales, the refund, the dispute and the dispute fee");
            Assert.That(completed.GetProperty("documents").GetProperty(FlowDocumentKeys.P21Journal).GetString(),
                Is.EqualTo(journal[0].TransactionNumber.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(completed.GetProperty("documents").GetProperty(FlowDocumentKeys.StripePayout).GetString(), Is.EqualTo(payoutId));
            Assert.That((row?.CurrentState, row?.Run, row?.FlagCount), Is.EqualTo(("Posted", 1, 0)), "the saga's row");
            Assert.That(report.ExitCode, Is.EqualTo(ExitCodes.Done), report.Output);
            Assert.That(report.Output, Does.Contain(completed.GetProperty("documents").GetProperty(FlowDocumentKeys.P21Journal).GetString())
                .And.Contain(refundId).And.Contain(disputeId), "the controller's report");
            foreach (var sale in sales)
                Assert.That(report.Output, Does.Contain(sale.Id), "each sale in the report");
            AssertNothingLeft(queues);
        });

        // Replay: Stripe sends the payout's events again (same ids), tells of it anew (a new event), and a person asks for a re-run, both
        // through the command, which refuses a posted payout, and past it, straight to the saga.
        var before = await Broker.SettledQueuesAsync();
        foreach (var evt in EventsAbout(payoutId))
        {
            var delivery = await Stripe.Webhooks.DeliverAsync(evt.Id);
            Assert.That(delivery.StatusCode, Is.EqualTo(200), $"{evt.Type} {evt.Id} redelivered");
        }
        Stripe.Account.EmitEvent("payout.paid", payoutId);
        await Stripe.Webhooks.WaitForDeliveriesAsync();
        var refused = await RunPaymentsCommandAsync("payouts", "rerun", payoutId);
        await PublishAsync(new RerunPayoutReconciliation
        {
            CorrelationId = CorrelationKey.StripePayout(payoutId).ToGuid(), PayoutId = payoutId, RequestedBy = "flow-tests", Reason = "replay",
        });
        var delivered = await Broker.GrowthSinceAsync(before, q => q.Acked,
            new Dictionary<string, long> { [PayoutSagaQueue] = 2, [ListQueue] = 0, [PostJournalQueue] = 0 }, Within);
        var drained = await Broker.WaitUntilDrainedAsync(Within);
        var afterReplay = await PayoutRowAsync(payoutId);

        Assert.Multiple(() =>
        {
            Assert.That(refused.ExitCode, Is.EqualTo(ExitCodes.Failed), refused.Output);
            Assert.That(refused.Output, Does.Contain("posted once"));
            Assert.That(delivered, Is.EquivalentTo(new Dictionary<string, long> { [PayoutSagaQueue] = 2, [ListQueue] = 0, [PostJournalQueue] = 0 }),
                "the saga got the new event and the re-run (the redelivered events stop at the gateway as duplicates); nothing listed or posted again");
            Assert.That(JournalOf(payoutId), Is.EquivalentTo(journal), "still the one journal");
            Assert.That(P21.Store.Ledger.Lines.Count(l => l.Source?.StartsWith("payout", StringComparison.Ordinal) == true && l.Source.EndsWith(payoutId, StringComparison.Ordinal)),
                Is.EqualTo(journal.Count), "no other journal for the payout");
            Assert.That(afterReplay!.CurrentState, Is.EqualTo("Posted"));
            AssertNothingLeft(drained);
        });
    }

    [Test]
    public async Task Should_flag_a_payout_off_by_a_cent_and_post_it_after_nothing()
    {
        Stripe.Account.AddCharges(2, 5_000, "usd", new Dictionary<string, string> { [StripeMetadataKeys.P21OrderNo] = "SO-CENT-{n}" });
        var (payoutId, amount) = RunPayout(amountSkewMinor: 1);

        var flagged = await WaitForPublishedAsync<PayoutReconciliationFlagged>(CorrelationKey.StripePayout(payoutId), $"payout {payoutId} flagged");
        var row = await PayoutRowAsync(payoutId);
        Assert.Multiple(() =>
        {
            Assert.That(flagged.GetProperty("amountMinor").GetInt64(), Is.EqualTo(amount));
            Assert.That(flagged.GetProperty("flagCount").GetInt32(), Is.EqualTo(1));
            Assert.That(Kinds(flagged), Is.EqualTo(new[] { "NetMismatch" }), "off by a cent, every transaction's order known");
            Assert.That(row!.CurrentState, Is.EqualTo("Flagged"));
            Assert.That(row.JournalNumber, Is.Null);
            Assert.That(JournalOf(payoutId), Is.Empty, "never forced to balance");
        });

        // A re-run lists it again and finds the same cent: flagged again, still nothing posted.
        var rerun = await RunPaymentsCommandAsync("payouts", "rerun", payoutId, "--reason", "checked the bank");
        Assert.That(rerun.ExitCode, Is.EqualTo(ExitCodes.Done), rerun.Output);
        var again = await WaitForPublishedAsync<PayoutReconciliationFlagged>(CorrelationKey.StripePayout(payoutId), $"payout {payoutId} flagged again");
        var queues = await Broker.WaitUntilDrainedAsync(Within);
        row = await PayoutRowAsync(payoutId);
        Assert.Multiple(() =>
        {
            Assert.That(again.GetProperty("run").GetInt32(), Is.EqualTo(2));
            Assert.That(Kinds(again), Is.EqualTo(new[] { "NetMismatch" }));
            Assert.That((row!.CurrentState, row.Run), Is.EqualTo(("Flagged", 2)));
            Assert.That(JournalOf(payoutId), Is.Empty);
            AssertNothingLeft(queues);
        });
    }

    [Test]
    public async Task Should_post_after_the_missing_order_lands_without_posting_twice()
    {
        // A sale Stripe has paid out before its charge.succeeded reached us: no order on the charge yet.
        var charge = NewCharge();
        var (payoutId, _) = RunPayout();
        var flagged = await WaitForPublishedAsync<PayoutReconciliationFlagged>(CorrelationKey.StripePayout(payoutId), $"payout {payoutId} flagged");
        var flags = flagged.GetProperty("flags");
        Assert.Multiple(() =>
        {
            Assert.That(Kinds(flagged), Is.EqualTo(new[] { "UnknownOrder" }));
            Assert.That(flags[0].GetProperty("chargeId").GetString(), Is.EqualTo(charge.Id));
            Assert.That(JournalOf(payoutId), Is.Empty);
        });

        // The order lands: the charge-to-order flow posts it in P21 and writes p21_order_no on the charge; the controller re-runs the payout.
        var (status, body) = await PostChargeSucceededAsync(charge);
        Assert.That(status, Is.EqualTo(200), body);
        var orderNo = OrderNoOf(await WaitForCompletedAsync(charge))!;
        Assert.That(Stripe.GetChargeMetadata(charge.Id).GetValueOrDefault(StripeMetadataKeys.P21OrderNo), Is.EqualTo(orderNo));
        var rerun = await RunPaymentsCommandAsync("payouts", "rerun", payoutId, "--reason", $"order {orderNo} entered");
        Assert.That(rerun.ExitCode, Is.EqualTo(ExitCodes.Done), rerun.Output);
        var completed = await WaitForPublishedAsync<FlowCompleted>(CorrelationKey.StripePayout(payoutId), $"payout {payoutId}");
        var journal = JournalOf(payoutId);
        var second = await RunPaymentsCommandAsync("payouts", "rerun", payoutId);
        var queues = await Broker.WaitUntilDrainedAsync(Within);
        var row = await PayoutRowAsync(payoutId);

        Assert.Multiple(() =>
        {
            Assert.That(journal.Select(l => l.TransactionNumber).Distinct().Count(), Is.EqualTo(1), "one journal after the re-run");
            Assert.That(journal.Sum(l => l.Amount), Is.Zero);
            Assert.That(completed.GetProperty("documents").GetProperty(FlowDocumentKeys.P21Journal).GetString(), Is.EqualTo(row!.JournalNumber));
            Assert.That((row.CurrentState, row.Run, row.FlagCount), Is.EqualTo(("Posted", 2, 0)));
            Assert.That(second.ExitCode, Is.Not.EqualTo(ExitCodes.Done), second.Output);
            Assert.That(second.Output, Does.Contain("posted once"));
            Assert.That(JournalOf(payoutId), Is.EquivalentTo(journal), "not posted twice");
            AssertNothingLeft(queues);
        });
    }

    [Test]
    public async Task Should_reverse_the_journal_when_a_paid_payout_fails()
    {
        Stripe.Account.AddCharges(3, 2_500, "usd", new Dictionary<string, string> { [StripeMetadataKeys.P21OrderNo] = "SO-FAIL-{n}" });
        var (payoutId, _) = RunPayout();
        await WaitForPublishedAsync<FlowCompleted>(CorrelationKey.StripePayout(payoutId), $"payout {payoutId}");
        var journal = JournalOf(payoutId);
        Assert.That(journal, Is.Not.Empty, "posted before it fails");

        // The bank returns the payout days later: payout.updated, payout.failed.
        Stripe.Account.FailPayout(payoutId, "account_closed");
        var reversed = await WaitForPublishedAsync<FlowCompleted>(CorrelationKey.StripePayout(payoutId), $"payout {payoutId} reversed");
        var reversal = ReversalOf(payoutId);
        var row = await PayoutRowAsync(payoutId);
        Assert.Multiple(() =>
        {
            Assert.That(reversal.Select(l => l.TransactionNumber).Distinct().Count(), Is.EqualTo(1), "one reversing journal");
            Assert.That(reversal[0].TransactionNumber, Is.Not.EqualTo(journal[0].TransactionNumber));
            Assert.That(reversal.Select(l => (l.AccountNumber, l.Amount)), Is.EquivalentTo(journal.Select(l => (l.AccountNumber, -l.Amount))), "the exact opposite");
            Assert.That(reversed.GetProperty("documents").GetProperty(FlowDocumentKeys.P21ReversalJournal).GetString(), Is.EqualTo(row!.ReversalJournalNumber));
            Assert.That(row.ReversalJournalNumber, Is.EqualTo(reversal[0].TransactionNumber.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(row.CurrentState, Is.EqualTo("Reversed"));
        });

        // Once: Stripe's failure events again, and anew.
        var before = await Broker.SettledQueuesAsync();
        foreach (var evt in EventsAbout(payoutId).Where(e => e.Type is "payout.failed" or "payout.updated"))
            Assert.That((await Stripe.Webhooks.DeliverAsync(evt.Id)).StatusCode, Is.EqualTo(200));
        Stripe.Account.EmitEvent("payout.failed", payoutId);
        var delivered = await Broker.GrowthSinceAsync(before, q => q.Acked,
            new Dictionary<string, long> { [PayoutSagaQueue] = 1, [ReverseJournalQueue] = 0 }, Within);
        var queues = await Broker.WaitUntilDrainedAsync(Within);
        var afterReplay = await PayoutRowAsync(payoutId);
        Assert.Multiple(() =>
        {
            Assert.That(delivered, Is.EquivalentTo(new Dictionary<string, long> { [PayoutSagaQueue] = 1, [ReverseJournalQueue] = 0 }), "nothing reversed again");
            Assert.That(ReversalOf(payoutId), Is.EquivalentTo(reversal));
            Assert.That(JournalOf(payoutId), Is.EquivalentTo(journal));
            Assert.That(afterReplay!.CurrentState, Is.EqualTo("Reversed"));
            AssertNothingLeft(queues);
        });
    }

    /// <summary>Runs Stripe's automatic payout of the available USD balance (optionally off by a skew): the one payout's id and amount.</summary>
    (string Id, long AmountMinor) RunPayout(long amountSkewMinor = 0)
    {
        var payout = Stripe.Account.RunPayouts("usd", amountSkewMinor).Single();
        return ((string)payout["id"]!, (long)payout["amount"]!);
    }

    List<P21GlLineRecord> JournalOf(string payoutId) => [.. P21.Store.Ledger.Lines.Where(l => l.Source == $"payout:{payoutId}")];

    List<P21GlLineRecord> ReversalOf(string payoutId) => [.. P21.Store.Ledger.Lines.Where(l => l.Source == $"payout-reversal:{payoutId}")];

    static Dictionary<string, decimal> AccountTotals(IEnumerable<P21GlLineRecord> lines) =>
        lines.GroupBy(l => l.AccountNumber).ToDictionary(g => g.Key, g => g.Sum(l => l.Amount));

    static string[] Kinds(JsonElement flagged) => [.. flagged.GetProperty("flags").EnumerateArray().Select(f => f.GetProperty("kind").GetString()!)];

    long Fee(string balanceTransactionId) => (long)Stripe.Account.Get(balanceTransactionId)!["fee"]!;

    long Amount(string balanceTransactionId) => (long)Stripe.Account.Get(balanceTransactionId)!["amount"]!;

    IReadOnlyList<string> DisputeTransactionIds(string disputeId) =>
        Stripe.Account.Get(disputeId)?["balance_transactions"] is JsonArray list
            ? [.. list.Select(t => t is JsonObject o ? (string?)o["id"] : (string?)t).OfType<string>()]
            : [];

    /// <summary>The events the fake emitted about the payout, oldest first.</summary>
    IEnumerable<StripeEventRecord> EventsAbout(string payoutId) =>
        Stripe.Account.Events.Where(e => (string?)e.Event["data"]?["object"]?["id"] == payoutId).Reverse();

    /// <summary>Publishes on a bus of the test's own, as the console or another tool would, past the command's own checks.</summary>
    async Task PublishAsync<T>(T message)
        where T : class
    {
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.UsePaymentsRabbitMqHost(Broker.Options));
        using var timeout = new CancellationTokenSource(Within);
        await bus.StartAsync(timeout.Token);
        try
        {
            await bus.Publish(message, timeout.Token);
        }
        finally
        {
            await bus.StopAsync(TimeSpan.FromSeconds(10));
        }
    }

    /// <summary>The saga's row (table <c>PayoutState</c>, pinned columns), as the payouts command reads it.</summary>
    async Task<PayoutRow?> PayoutRowAsync(string payoutId)
    {
        await using var sagas = OpenServiceDatabase(SagasProject);
        return await sagas.Database.SqlQuery<PayoutRow>(
                $"""SELECT "PayoutId", "CurrentState", "Run", "FlagCount", "JournalNumber", "ReversalJournalNumber" FROM "PayoutState" WHERE "PayoutId" = {payoutId}""")
            .SingleOrDefaultAsync();
    }

    static void AssertNothingLeft(IReadOnlyList<QueueView> queues) =>
        Assert.That(queues.Where(q => q.Messages > 0).Select(q => $"{q.Name}: {q.Messages}"), Is.Empty, "messages left in queues");

    sealed class PayoutRow
    {
        public string PayoutId { get; set; } = "";
        public string CurrentState { get; set; } = "";
        public int Run { get; set; }
        public int FlagCount { get; set; }
        public string? JournalNumber { get; set; }
        public string? ReversalJournalNumber { get; set; }
    }
}
