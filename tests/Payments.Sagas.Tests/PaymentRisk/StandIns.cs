using System.Collections.Concurrent;
using MassTransit;
using Payments.Contracts.PaymentRisk;
using Payments.Contracts.Shared;
using Payments.ServiceDefaults.Failures;

namespace Payments.Sagas.Tests.PaymentRisk;

/// <summary>What the stand-ins answer: the charges as Stripe describes them, and the steps refused (by command name).</summary>
public sealed class RiskWorld
{
    public ConcurrentDictionary<string, StripeChargeFacts> Charges { get; } = new();
    public ConcurrentDictionary<string, string> Refusals { get; } = new();
    /// <summary>Steps whose answer waits until the test opens the gate (by command name), to let the flow move on meanwhile.</summary>
    public ConcurrentDictionary<string, TaskCompletionSource> Gates { get; } = new();

    public TaskCompletionSource Gate(string step) => Gates[step] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task PassAsync(string step) => Gates.TryGetValue(step, out var gate) ? gate.Task : Task.CompletedTask;

    public void ThrowIfRefused(string step, string system)
    {
        if (Refusals.TryGetValue(step, out var message))
            throw new PermanentFailureException(message, system);
    }
}

/// <summary>Answers the Stripe steps as the Stripe service does: the charge from <see cref="RiskWorld.Charges"/>, a refund keyed on the warning.</summary>
public class AnsweringStripeRisk(RiskWorld world) : IConsumer<DescribeRiskyCharge>, IConsumer<RefundChargeForFraud>
{
    public async Task Consume(ConsumeContext<DescribeRiskyCharge> context)
    {
        await world.PassAsync(nameof(DescribeRiskyCharge));
        world.ThrowIfRefused(nameof(DescribeRiskyCharge), "Stripe");
        await context.Publish(new RiskyChargeDescribed { CorrelationId = context.Message.CorrelationId, Charge = world.Charges[context.Message.ChargeId] });
    }

    public async Task Consume(ConsumeContext<RefundChargeForFraud> context)
    {
        await world.PassAsync(nameof(RefundChargeForFraud));
        world.ThrowIfRefused(nameof(RefundChargeForFraud), "Stripe");
        var charge = world.Charges[context.Message.ChargeId];
        await context.Publish(new ChargeRefundedForFraud
        {
            CorrelationId = context.Message.CorrelationId, ChargeId = charge.ChargeId, RefundId = $"re_{context.Message.WarningId}",
            AmountMinor = charge.AmountMinor, Currency = charge.Currency,
        });
    }
}

/// <summary>Answers HoldP21OrderForRisk as the P21 service does when P21 accepts it.</summary>
public class HoldingP21ForRisk(RiskWorld world) : IConsumer<HoldP21OrderForRisk>
{
    public async Task Consume(ConsumeContext<HoldP21OrderForRisk> context)
    {
        await world.PassAsync(nameof(HoldP21OrderForRisk));
        world.ThrowIfRefused(nameof(HoldP21OrderForRisk), "P21");
        await context.Publish(new P21OrderHeldForRisk
        {
            CorrelationId = context.Message.CorrelationId, ChargeId = context.Message.ChargeId, P21OrderNo = context.Message.P21OrderNo, HoldMethod = "approved=N",
        });
    }
}
