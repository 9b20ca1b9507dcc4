using MassTransit;
using Payments.Contracts.PaymentRisk;
using Payments.P21Service.Holds;

namespace Payments.P21Service.PaymentRisk;

/// <summary>The risk policy asked for the charge's sales order to be held (<see cref="OrderHolds"/>; already held is fine, reported as not placed).</summary>
public sealed class HoldP21OrderForRiskConsumer(OrderHolds holds) : IConsumer<HoldP21OrderForRisk>
{
    public async Task Consume(ConsumeContext<HoldP21OrderForRisk> context)
    {
        var command = context.Message;
        var placed = await holds.HoldAsync(command.P21OrderNo, $"risk on charge {command.ChargeId}: {command.Reason}", context.CancellationToken);
        await context.Publish(new P21OrderHeldForRisk
        {
            CorrelationId = command.CorrelationId, ChargeId = command.ChargeId, P21OrderNo = command.P21OrderNo, HoldMethod = holds.Method,
            PlacedHold = placed,
        }, context.CancellationToken);
    }
}
