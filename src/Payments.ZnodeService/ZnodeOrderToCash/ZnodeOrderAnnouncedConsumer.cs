using MassTransit;
using Payments.Contracts.ZnodeOrderToCash;
using Payments.ServiceDefaults.Failures;
using Payments.ZnodeService.Client;
using Payments.ZnodeService.Intake;

namespace Payments.ZnodeService.ZnodeOrderToCash;

/// <summary>
/// Znode 10's webhook named an order (<c>POST /webhooks/znode</c>): read it from Znode's API, by id when the envelope gave one, and take it
/// in (<see cref="OrderIntake"/>): <c>ZnodeOrderPlaced</c> with <c>Source = webhook</c>, unless the poller (or an earlier
/// webhook) already did. An order Znode does not (yet) return is a transient failure: a webhook can outrun a read replica.
/// </summary>
public sealed class ZnodeOrderAnnouncedConsumer(ZnodeClient znode, OrderIntake intake, ILogger<ZnodeOrderAnnouncedConsumer> logger) : IConsumer<ZnodeOrderAnnounced>
{
    public const string Source = "webhook";

    public async Task Consume(ConsumeContext<ZnodeOrderAnnounced> context)
    {
        var announced = context.Message;
        var order = announced.OmsOrderId is > 0 and <= int.MaxValue
            ? await znode.GetOrderAsync((int)announced.OmsOrderId.Value, withHistory: false, context.CancellationToken)
            : await znode.GetOrderByNumberAsync(announced.OrderNumber, withHistory: false, context.CancellationToken);
        if (order is null)
            throw new TransientFailureException($"Znode announced order {announced.OrderNumber} (event {announced.EventId}) but does not return it (204).");
        if (!string.Equals(order.OrderNumber, announced.OrderNumber, StringComparison.OrdinalIgnoreCase))
            throw new PermanentFailureException($"Znode event {announced.EventId} names order {announced.OrderNumber} and id {announced.OmsOrderId}, but that id is order {order.OrderNumber}.", ZnodeClient.SystemName);

        var result = await intake.TakeInAsync([order], Source, context, context.CancellationToken);
        if (result.AlreadyTaken > 0)
            logger.LogInformation("Znode order {OrderNumber} announced by event {EventId} was already taken in; nothing published", order.OrderNumber, announced.EventId);
    }
}

