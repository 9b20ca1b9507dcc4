using MassTransit;
using Payments.Contracts.PaymentRisk;
using Payments.StripeService.ChargeFacts;

namespace Payments.StripeService.PaymentRisk;

/// <summary>The payment-risk flow's look at the charge (Radar's risk, refunds, dispute, documents): <see cref="StripeChargeFactsReader"/>, then <see cref="RiskyChargeDescribed"/>. Reads only.</summary>
public sealed class DescribeRiskyChargeConsumer(StripeChargeFactsReader charges, ILogger<DescribeRiskyChargeConsumer> logger) : IConsumer<DescribeRiskyCharge>
{
    public async Task Consume(ConsumeContext<DescribeRiskyCharge> context)
    {
        var command = context.Message;
        var facts = await charges.ReadAsync(command.ChargeId, context.CancellationToken);
        logger.LogInformation("Described risky charge {ChargeId}: risk {RiskLevel} ({RiskScore}), disputed {Disputed}, {AmountRefunded} of {Amount} {Currency} minor units refunded",
            facts.ChargeId, facts.RiskLevel, facts.RiskScore, facts.Disputed, facts.AmountRefundedMinor, facts.AmountMinor, facts.Currency);
        await context.Publish(new RiskyChargeDescribed { CorrelationId = command.CorrelationId, Charge = facts });
    }
}
