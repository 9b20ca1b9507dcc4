using MassTransit;
using Payments.Contracts.StripeDispute;
using Payments.StripeService.ChargeFacts;

namespace Payments.StripeService.StripeDispute;

/// <summary>The stripe-dispute flow's look at the disputed charge: <see cref="StripeChargeFactsReader"/>, then <see cref="DisputedChargeDescribed"/>. Reads only.</summary>
public sealed class DescribeDisputedChargeConsumer(StripeChargeFactsReader charges, ILogger<DescribeDisputedChargeConsumer> logger) : IConsumer<DescribeDisputedCharge>
{
    public async Task Consume(ConsumeContext<DescribeDisputedCharge> context)
    {
        var command = context.Message;
        var facts = await charges.ReadAsync(command.ChargeId, context.CancellationToken);
        logger.LogInformation("Described charge {ChargeId} of dispute {DisputeId}: P21 order {P21OrderNo}, Znode order {ZnodeOrderNumber}",
            facts.ChargeId, command.DisputeId, facts.P21OrderNo, facts.ZnodeOrderNumber);
        await context.Publish(new DisputedChargeDescribed { CorrelationId = command.CorrelationId, DisputeId = command.DisputeId, Charge = facts });
    }
}
