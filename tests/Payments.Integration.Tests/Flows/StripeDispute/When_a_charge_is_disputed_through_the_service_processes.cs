using System.Text.Json.Nodes;
using Payments.Contracts.Shared;
using Payments.Simulators.P21.Store;

namespace Payments.Integration.Tests.Flows.StripeDispute;

/// <summary>
/// A dispute on a charge that became a P21 sales order, through the gateway, saga host, Stripe service and P21 service, each its own
/// process on RabbitMQ: the Stripe fake withdraws the amount and the fee and sends its signed <c>charge.dispute.*</c> events to the
/// gateway; P21's order must be held while the dispute is open, each balance transaction journaled once, and the hold released when won.
/// </summary>
[TestFixture]
[NonParallelizable]
public class When_a_charge_is_disputed_through_the_service_processes : FlowFixture
{
    [OneTimeSetUp]
    public async Task ConnectStripe()
    {
        Stripe.Webhooks.Configure(Gateway.BaseUrl + "/webhooks/stripe", WebhookSecret);
        foreach (var queue in new[] { "dispute-state", "describe-disputed-charge", "hold-p21-order-for-dispute", "post-dispute-journal", "release-p21-order-hold" })
            await Broker.WaitForConsumerAsync(queue, Within);
    }

    [Test]
    public async Task Should_hold_the_order_journal_the_withdrawal_and_its_reinstatement_once_and_release_the_order_when_won()
    {
        var charge = NewCharge();
        var (status, body) = await PostChargeSucceededAsync(charge);
        Assert.That(status, Is.EqualTo(200), body);
        var orderNo = OrderNoOf(await WaitForCompletedAsync(charge))!;

        var disputeId = (string)Stripe.Account.OpenDispute(charge.Id)["id"]!;
        var withdrawal = BalanceTransactionIds(disputeId).Single();
        await WaitUntilAsync(() => P21.Store.FindOrder(orderNo)?.Approved == "N" && LinesOf(withdrawal).Count > 0, "the order held and the withdrawal journaled");
        var whileOpen = LinesOf(withdrawal);

        Stripe.Account.CloseDispute(disputeId, won: true);
        var completed = await WaitForPublishedAsync<FlowCompleted>(CorrelationKey.StripeDispute(disputeId), $"dispute {disputeId}");
        var queues = await Broker.WaitUntilDrainedAsync(Within);

        var transactions = BalanceTransactionIds(disputeId);
        var reinstatement = transactions.Single(t => t != withdrawal);
        Assert.Multiple(() =>
        {
            Assert.That(whileOpen.Select(l => (l.AccountNumber, l.Amount)), Is.EquivalentTo(new[]
            {
                (P21Seed.DisputedFundsAccount, 74.99m), (P21Seed.DisputeFeesAccount, 15.00m), (P21Seed.StripeClearingAccount, -89.99m),
            }), "the withdrawal: the disputed amount and the fee debited, clearing credited");
            Assert.That(transactions, Has.Count.EqualTo(2));
            foreach (var id in transactions)
            {
                Assert.That(LinesOf(id).Select(l => l.TransactionNumber).Distinct().Count(), Is.EqualTo(1), $"one journal for {id}");
                Assert.That(LinesOf(id).Sum(l => l.Amount), Is.Zero, $"{id}'s journal balanced");
            }
            Assert.That(LinesOf(reinstatement).Select(l => (l.AccountNumber, l.Amount)), Is.EquivalentTo(whileOpen.Select(l => (l.AccountNumber, -l.Amount))),
                "the reinstatement books the opposite");
            Assert.That(P21.Store.FindOrder(orderNo)!.Approved, Is.EqualTo("Y"), "the hold released once won");
            Assert.That(completed.GetProperty("documents").GetProperty(FlowDocumentKeys.P21SalesOrder).GetString(), Is.EqualTo(orderNo));
            Assert.That(queues.Where(q => q.Messages > 0).Select(q => $"{q.Name}: {q.Messages}"), Is.Empty, "messages left in queues");
        });
    }

    IReadOnlyList<string> BalanceTransactionIds(string disputeId) =>
        Stripe.Account.Get(disputeId)?["balance_transactions"] is JsonArray list
            ? [.. list.Select(t => t is JsonObject o ? (string?)o["id"] : (string?)t).OfType<string>()]
            : [];

    List<P21GlLineRecord> LinesOf(string balanceTransactionId) =>
        [.. P21.Store.Ledger.Lines.Where(l => (l.Source + " " + l.Description).Contains(balanceTransactionId, StringComparison.Ordinal))];
}
