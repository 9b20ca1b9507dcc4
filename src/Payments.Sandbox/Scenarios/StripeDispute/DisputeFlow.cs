using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Payments.Contracts.Shared;
using Payments.Sagas.Data;
using Payments.Sagas.StripeDispute;
using Payments.Sandbox.Scenarios.ChargeToOrder;

namespace Payments.Sandbox.Scenarios.StripeDispute;

/// <summary>
/// Drives a dispute as a card network would: a charge first becomes a P21 sales order, then the cardholder disputes it (the Stripe fake
/// withdraws the amount and the dispute fee and sends its signed <c>charge.dispute.*</c> events to the gateway), and later the dispute
/// is closed won or lost. Everything is read back from the simulators and the saga's stored row.
/// </summary>
public sealed class DisputeFlow(SandboxHost sandbox)
{
    static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    public async Task<ChargeToOrderReport> SellAsync() => await new ChargeFlow(sandbox).RunAsync(sandbox.Options.ScenarioTimeout);

    /// <summary>The cardholder disputes the charge (fraudulent); returns the dispute's id.</summary>
    public string Dispute(string chargeId) => (string)sandbox.Stripe.Account.OpenDispute(chargeId)["id"]!;

    public void Close(string disputeId, bool won) => sandbox.Stripe.Account.CloseDispute(disputeId, won);

    /// <summary>Polls the saga's row until <paramref name="until"/> holds or the scenario's time runs out (then the last row read).</summary>
    public async Task<DisputeState?> WaitForSagaAsync(string disputeId, Func<DisputeState, bool> until)
    {
        var correlationId = CorrelationKey.StripeDispute(disputeId).ToGuid();
        var deadline = DateTime.UtcNow + sandbox.Options.ScenarioTimeout;
        DisputeState? saga = null;
        while (DateTime.UtcNow < deadline)
        {
            saga = await SagaRows.ReadAsync<DisputeState>(sandbox, correlationId);
            if (saga is not null && (until(saga) || saga.CurrentState is "Failed" or "NeedsAttention")) return saga;
            await Task.Delay(Poll);
        }
        return saga;
    }

    /// <summary>The dispute's balance transactions as the Stripe fake holds them (withdrawal, then reinstatement once won).</summary>
    public IReadOnlyList<string> BalanceTransactionIds(string disputeId) =>
        sandbox.Stripe.Account.Get(disputeId)?["balance_transactions"] is JsonArray list
            ? [.. list.Select(t => t is JsonObject o ? (string?)o["id"] : (string?)t).OfType<string>()]
            : [];

    /// <summary>Prints the dispute's P21 journals (one per balance transaction), the order's hold and the saga's state.</summary>
    public void Describe(StringBuilder text, string disputeId, DisputeState? saga, string? orderNo)
    {
        var readBack = new MoneyBackReadBack(sandbox);
        var dispute = sandbox.Stripe.Account.Get(disputeId);
        text.AppendLine($"  Stripe dispute    {disputeId}: {dispute?["amount"]} minor units {((string?)dispute?["currency"])?.ToUpperInvariant()}, reason {dispute?["reason"]}, status {dispute?["status"]}");
        foreach (var id in BalanceTransactionIds(disputeId))
            MoneyBackReadBack.PrintLedger(text, $"P21 GL {id[..Math.Min(id.Length, 10)]}", readBack.LedgerLinesMentioning(id));
        MoneyBackReadBack.PrintHold(text, readBack.Order(orderNo));
        text.AppendLine($"  stripe-dispute    {saga?.CurrentState ?? "no saga"}{(saga?.FailureReason is { } reason ? $" ({saga.FailedStep}: {reason})" : "")}");
    }

    /// <summary>Every balance transaction of the dispute has exactly one balanced P21 journal.</summary>
    public bool EachBalanceTransactionJournaledOnce(string disputeId)
    {
        var readBack = new MoneyBackReadBack(sandbox);
        var ids = BalanceTransactionIds(disputeId);
        return ids.Count > 0 && ids.All(id => readBack.LedgerLinesMentioning(id) is { Count: > 0 } lines
                                              && lines.Select(l => l.TransactionNumber).Distinct().Count() == 1 && lines.Sum(l => l.Amount) == 0);
    }
}
