using MassTransit;
using Payments.Contracts.ChargeToOrder;
using Payments.ServiceDefaults.Messaging;
using Payments.StripeService.Charges;

namespace Payments.StripeService.ChargeToOrder;

/// <summary>The charge-to-order flow's last step: the P21 order onto the charge (<see cref="ChargeOrderReferences"/>), then <c>StripeChargeOrderReferenceRecorded</c>.</summary>
public sealed class RecordP21OrderOnChargeConsumer(ChargeOrderReferences charges, ILogger<RecordP21OrderOnChargeConsumer> logger)
    : IConsumer<RecordP21OrderOnCharge>
{
    public async Task Consume(ConsumeContext<RecordP21OrderOnCharge> context)
    {
        var command = context.Message;
        var written = await charges.RecordP21OrderAsync(command.ChargeId, command.OrderNo, command.CustomerId, DeliveryAttempt.Of(context), context.CancellationToken);

        if (written)
            logger.LogInformation("Recorded P21 order {OrderNo} (customer {CustomerId}) on Stripe charge {ChargeId}", command.OrderNo, command.CustomerId, command.ChargeId);
        else
            logger.LogInformation("Stripe charge {ChargeId} already carries P21 order {OrderNo} (customer {CustomerId}); nothing written", command.ChargeId, command.OrderNo, command.CustomerId);
        await context.Publish(new StripeChargeOrderReferenceRecorded
        {
            CorrelationId = command.CorrelationId,
            ChargeId = command.ChargeId,
            OrderNo = command.OrderNo,
        });
    }
}
