using MassTransit;
using Payments.Contracts.StripeRefund;
using Payments.StripeService.ChargeFacts;

namespace Payments.StripeService.StripeRefund;

/// <summary>The stripe-refund flow's look at the refunded charge: <see cref="StripeChargeFactsReader"/>, then <see cref="RefundedChargeDescribed"/>. Reads only, so a repeat is harmless.</summary>
public sealed class DescribeRefundedChargeConsumer(StripeChargeFactsReader charges, ILogger<DescribeRefundedChargeConsumer> logger) : IConsumer<DescribeRefundedCharge>
{
    public async Task Consume(ConsumeContext<DescribeRefundedCharge> context)
    {
        var command = context.Message;
        var facts = await charges.ReadAsync(command.ChargeId, context.CancellationToken);
        logger.LogInformation("Described charge {ChargeId} of refund {RefundId}: {RefundCount} refunds, P21 order {P21OrderNo}, Znode order {ZnodeOrderNumber}",
            facts.ChargeId, command.RefundId, facts.Refunds.Count, facts.P21OrderNo, facts.ZnodeOrderNumber);
        await context.Publish(new RefundedChargeDescribed { CorrelationId = command.CorrelationId, RefundId = command.RefundId, Charge = facts });
    }
}
