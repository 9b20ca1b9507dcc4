using System.Text.Json;
using MassTransit.Testing;
using Microsoft.Extensions.Logging;
using Payments.Contracts.PayoutReconciliation;
using Payments.Contracts.Shared;

namespace Payments.Sagas.Tests.PayoutReconciliation;

public class When_a_payout_settles : PayoutSpec
{
    [Test]
    public async Task Should_wait_until_it_is_paid_and_its_transactions_are_final()
    {
        await PublishInTurn(Created(), Paid());
        await Settled();

        var saga = await WaitForState(Machine.AwaitingSettlement);
        Assert.Multiple(() =>
        {
            Assert.That((saga.Status, saga.ReconciliationStatus, saga.Run), Is.EqualTo(("paid", "in_progress", 0)));
            Assert.That(Count<ListPayoutTransactions>(), Is.Zero, "an automatic payout is listed only once Stripe completed its transactions");
            Assert.That(saga.SettlementAlertTokenId, Is.Not.Null, "the settlement alert is scheduled");
        });
    }

    [Test]
    public async Task Should_list_once_post_once_and_keep_the_journal()
    {
        await PublishInTurn(Created(), Paid(), Completed());

        var saga = await WaitForState(Machine.Posted);
        await Settled();
        var listed = Harness.Published.Select<ListPayoutTransactions>().Single().Context.Message;
        var posted = Harness.Published.Select<PostPayoutJournal>().Single().Context.Message;
        var completed = Harness.Published.Select<FlowCompleted>().Single().Context.Message;
        Assert.Multiple(() =>
        {
            Assert.That((listed.PayoutId, listed.Run, listed.AmountMinor, listed.Currency, listed.Automatic, listed.ArrivalDate),
                Is.EqualTo((PayoutId, 1, Amount, "USD", true, Arrival)));
            Assert.That((posted.PayoutId, posted.AmountMinor, posted.Currency, posted.ArrivalDate), Is.EqualTo((PayoutId, Amount, "USD", Arrival)));
            Assert.That(posted.Totals.NetMinor, Is.EqualTo(Amount));
            Assert.That((completed.Flow, completed.Subject), Is.EqualTo((FlowNames.PayoutReconciliation, $"stripe-payout:{PayoutId}")));
            Assert.That(completed.Documents, Is.EqualTo(new Dictionary<string, string>
            {
                [FlowDocumentKeys.StripePayout] = PayoutId, [FlowDocumentKeys.P21Journal] = PayoutWorld.JournalOf(PayoutId),
            }));

            Assert.That((saga.PayoutId, saga.AmountMinor, saga.Currency, saga.Status, saga.Automatic, saga.ReconciliationStatus),
                Is.EqualTo((PayoutId, Amount, "USD", "paid", true, "completed")));
            Assert.That((saga.ArrivalDate, saga.Description, saga.LastStripeEventId), Is.EqualTo((Arrival.UtcDateTime, "STRIPE PAYOUT", Completed().StripeEventId)));
            Assert.That((saga.Run, saga.FlagCount, saga.Flags, saga.ListedAt is not null), Is.EqualTo((1, 0, "[]", true)));
            Assert.That(JsonSerializer.Deserialize<PayoutTotals>(saga.Totals!)!.NetMinor, Is.EqualTo(Amount));
            Assert.That((saga.JournalNumber, saga.Period, saga.Fingerprint, saga.PostedAt is not null),
                Is.EqualTo((PayoutWorld.JournalOf(PayoutId), "2026-12", $"fp-{PayoutId}", true)));
            Assert.That(JsonSerializer.Deserialize<List<PayoutJournalLine>>(saga.JournalLines)!.Sum(l => l.Amount), Is.Zero, "the journal balances");
            Assert.That(JsonSerializer.Deserialize<List<PayoutCurrencyConversion>>(saga.Conversions)!.Single().OriginalCurrency, Is.EqualTo("EUR"));
            Assert.That((saga.SettlementAlertTokenId, saga.SettlementAlertedAt), Is.EqualTo(((Guid?)null, (DateTime?)null)), "the alert was unscheduled");
            Assert.That((saga.FailedStep, saga.FailureReportedAt), Is.EqualTo(((string?)null, (DateTime?)null)));
        });
    }

    [Test]
    public async Task Should_keep_its_json_in_the_default_PascalCase_names()
    {
        await PublishInTurn(Created(), Paid(), Completed());

        var saga = await WaitForState(Machine.Posted);

        Assert.That(saga.Totals, Does.Contain("\"NetMinor\":").And.Contain("\"Gross\":"));
        Assert.That(saga.JournalLines, Does.StartWith("[{\"Account\":"));
    }

    [Test]
    public async Task Should_list_a_manual_payout_and_flag_it_rather_than_post_it()
    {
        await PublishInTurn(Created(automatic: false), Paid(automatic: false));

        var saga = await WaitForState(Machine.Flagged);
        await Settled();
        var flagged = Harness.Published.Select<PayoutReconciliationFlagged>().Single().Context.Message;
        Assert.Multiple(() =>
        {
            Assert.That(Harness.Published.Select<ListPayoutTransactions>().Single().Context.Message.Automatic, Is.False);
            Assert.That(Count<PostPayoutJournal>(), Is.Zero, "never posted while flagged");
            Assert.That((flagged.PayoutId, flagged.Run, flagged.FlagCount, flagged.AmountMinor, flagged.Currency), Is.EqualTo((PayoutId, 1, 1, Amount, "USD")));
            Assert.That(flagged.Flags.Single().Kind, Is.EqualTo("ManualPayout"));
            Assert.That((saga.FlagCount, JsonSerializer.Deserialize<List<PayoutFlagItem>>(saga.Flags)!.Single().Kind), Is.EqualTo((1, "ManualPayout")));
            Assert.That(saga.Automatic, Is.False);
        });
        var warning = MachineLogs(LogLevel.Warning).Single();
        Assert.That(warning.Message, Does.Contain("1 flag(s)").And.Contain("is manual"));
    }

    [Test]
    public async Task Should_flag_a_payout_whose_charges_lack_orders_naming_the_count_and_first_reason_once()
    {
        World.FlagsByRun[1] = [UnknownOrder("ch_a"), UnknownOrder("ch_b")];

        await PublishInTurn(Paid(), Completed());

        var saga = await WaitForState(Machine.Flagged);
        await Settled();
        Assert.Multiple(() =>
        {
            Assert.That((saga.FlagCount, Count<PostPayoutJournal>(), Count<PayoutReconciliationFlagged>()), Is.EqualTo((2, 0, 1)));
            Assert.That(MachineLogs(LogLevel.Warning).Select(e => e.Message),
                Is.EqualTo(new[] { $"Payout {PayoutId} (1000.00 USD) does not reconcile (run 1): 2 flag(s), the first: charge ch_a names no P21 or Znode order; not posted until it is re-run" }));
        });
    }

    [Test]
    public async Task Should_log_nothing_above_information_on_the_way_to_Posted()
    {
        await PublishInTurn(Created(), Paid(), Completed(), Completed());

        await WaitForState(Machine.Posted);
        await Settled();

        Assert.That(MachineLogs(LogLevel.Warning), Is.Empty);
    }
}
