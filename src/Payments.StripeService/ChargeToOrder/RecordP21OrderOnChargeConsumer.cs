using MassTransit;
using Payments.Contracts.ChargeToOrder;
using Payments.StripeService.Charges;

namespace Payments.StripeService.ChargeToOrder;

/// <summary>The charge-to-order flow's last step: the P21 order onto the charge (<see cref="ChargeOrderReferences"/>), then <c>StripeChargeOrderReferenceRecorded</c>.</summary>
public sealed class RecordP21OrderOnChargeConsumer(ChargeOrderReferences charges, ILogger<RecordP21OrderOnChargeConsumer> logger)
    : IConsumer<RecordP21OrderOnCharge>
{
    public async Task Consume(ConsumeContext<RecordP21OrderOnCharge> context)
    {
        var command = context.Message;
        await charges.RecordP21OrderAsync(command.ChargeId, command.OrderNo, command.CustomerId, context.CancellationToken);

        logger.LogInformation("Recorded P21 order {OrderNo} (customer {CustomerId}) on Stripe charge {ChargeId}",
            command.OrderNo, command.CustomerId, command.ChargeId);
        await context.Publish(new StripeChargeOrderReferenceRecorded
        {
            CorrelationId = command.CorrelationId,
            ChargeId = command.ChargeId,
            OrderNo = command.OrderNo,
        });
    }
}
