using MassTransit;
using Payments.Contracts.StripeDispute;
using Payments.P21Service.Holds;

namespace Payments.P21Service.StripeDispute;

/// <summary>The disputed charge's sales order goes on hold while the dispute is open (<see cref="OrderHolds"/>; already held is fine, reported as not placed).</summary>
public sealed class HoldP21OrderForDisputeConsumer(OrderHolds holds) : IConsumer<HoldP21OrderForDispute>
{
    public async Task Consume(ConsumeContext<HoldP21OrderForDispute> context)
    {
        var command = context.Message;
        var placed = await holds.HoldAsync(command.P21OrderNo, $"dispute {command.DisputeId}: {command.Reason}", context.CancellationToken);
        await context.Publish(new P21OrderHeldForDispute
        {
            CorrelationId = command.CorrelationId, DisputeId = command.DisputeId, P21OrderNo = command.P21OrderNo, HoldMethod = holds.Method,
            PlacedHold = placed,
        }, context.CancellationToken);
    }
}
