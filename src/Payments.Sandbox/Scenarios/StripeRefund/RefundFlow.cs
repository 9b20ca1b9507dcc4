using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Payments.Contracts.Shared;
using Payments.Sagas.Data;
using Payments.Sagas.StripeRefund;
using Payments.Sandbox.Scenarios.ChargeToOrder;

namespace Payments.Sandbox.Scenarios.StripeRefund;

/// <summary>
/// Drives refunds as the outside world makes them: a charge first becomes a P21 sales order (the charge-to-order flow), then someone
/// refunds part of it in Stripe (the fake sends its signed <c>charge.refunded</c> and <c>refund.created</c> to the gateway), and the
/// stripe-refund flow books each refund's own amount. Everything is read back from the simulators.
/// </summary>
public sealed class RefundFlow(SandboxHost sandbox)
{
    /// <summary>A paid charge that became one P21 sales order (the charge-to-order house example).</summary>
    public async Task<ChargeToOrderReport> SellAsync() => await new ChargeFlow(sandbox).RunAsync(sandbox.Options.ScenarioTimeout);

    /// <summary>Refunds <paramref name="amountMinor"/> of the charge in Stripe, as the dashboard does; returns the refund's id.</summary>
    public string Refund(string chargeId, long amountMinor) =>
        (string)sandbox.Stripe.Account.CreateRefund(chargeId, null, amountMinor, "requested_by_customer")["id"]!;

    /// <summary>Waits for the stripe-refund flow's verdict on one refund (null when none came in time).</summary>
    public async Task<FlowOutcome?> WaitForBookingAsync(string refundId)
    {
        using var timeout = new CancellationTokenSource(sandbox.Options.ScenarioTimeout);
        try { return await sandbox.Services.GetRequiredService<FlowOutcomes>().WaitFor(CorrelationKey.StripeRefund(refundId).ToGuid(), timeout.Token); }
        catch (OperationCanceledException) { return null; }
    }

    /// <summary>Waits until Stripe holds a refund of the charge that the flow did not make by hand (a proactive or a return refund).</summary>
    public async Task<JsonObject?> WaitForRefundOfAsync(string chargeId)
    {
        using var timeout = new CancellationTokenSource(sandbox.Options.ScenarioTimeout);
        while (!timeout.IsCancellationRequested)
        {
            if (sandbox.Stripe.Account.List("refund").FirstOrDefault(r => (string?)r["charge"] == chargeId) is { } refund) return refund;
            try { await Task.Delay(100, timeout.Token); }
            catch (OperationCanceledException) { break; }
        }
        return null;
    }

    public Task<RefundState?> ReadSagaAsync(string refundId) => SagaRows.ReadAsync<RefundState>(sandbox, CorrelationKey.StripeRefund(refundId).ToGuid());
}
