using MassTransit;
using Payments.Contracts.StripeDispute;
using Payments.P21Service.Holds;

namespace Payments.P21Service.StripeDispute;

/// <summary>The dispute was won: the sales order's hold is released (<see cref="OrderHolds"/>; already released is fine).</summary>
public sealed class ReleaseP21OrderHoldConsumer(OrderHolds holds) : IConsumer<ReleaseP21OrderHold>
{
    public async Task Consume(ConsumeContext<ReleaseP21OrderHold> context)
    {
        var command = context.Message;
        await holds.ReleaseAsync(command.P21OrderNo, $"dispute {command.DisputeId} closed in our favour", context.CancellationToken);
        await context.Publish(new P21OrderHoldReleased
        {
            CorrelationId = command.CorrelationId, DisputeId = command.DisputeId, P21OrderNo = command.P21OrderNo,
        }, context.CancellationToken);
    }
}
