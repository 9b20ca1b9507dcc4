using MassTransit;
using Payments.Contracts.Shared;
using Payments.Contracts.StripeRefund;
using Payments.StripeService.ChargeFacts;
using Payments.StripeService.Client;

namespace Payments.StripeService.StripeRefund;

/// <summary>
/// <c>charge.refunded</c> carries only the charge's cumulative <c>amount_refunded</c>, which is never booked: the charge's refunds are
/// listed and each is reported with its <b>own</b> amount (<see cref="StripeRefundReported"/>, one per refund, correlated to the refund).
/// The stripe-refund saga books each refund once, so reporting refunds it already knows changes nothing.
/// </summary>
public sealed class StripeChargeRefundedConsumer(StripeChargeFactsReader charges, ILogger<StripeChargeRefundedConsumer> logger) : IConsumer<StripeChargeRefunded>
{
    public const string EventType = "charge.refunded";

    public async Task Consume(ConsumeContext<StripeChargeRefunded> context)
    {
        var message = context.Message;
        var refunds = await charges.ListRefundsAsync(message.ChargeId, context.CancellationToken);
        foreach (var refund in refunds.OrderBy(r => r.Created))
        {
            await context.Publish(new StripeRefundReported
            {
                CorrelationId = CorrelationKey.StripeRefund(refund.Id).ToGuid(),
                StripeEventId = message.StripeEventId,
                EventType = EventType,
                RefundId = refund.Id,
                ChargeId = message.ChargeId,
                PaymentIntentId = StripeValues.NonEmpty(refund.PaymentIntentId) ?? message.PaymentIntentId,
                AmountMinor = refund.Amount,
                Currency = refund.Currency.ToUpperInvariant(),
                Status = refund.Status,
                FailureReason = StripeValues.NonEmpty(refund.FailureReason),
                Reason = StripeValues.NonEmpty(refund.Reason),
                ZnodeReturnNumber = StripeValues.NonEmpty(refund.Metadata?.GetValueOrDefault(StripeMetadataKeys.ZnodeReturnNumber)),
                RefundCreatedAt = new DateTimeOffset(refund.Created, TimeSpan.Zero),
                ReportedAt = message.ReportedAt,
            });
        }
        logger.LogInformation("Charge {ChargeId} refunded ({AmountRefunded} {Currency} minor units in all, event {StripeEventId}): reported its {RefundCount} refunds one by one",
            message.ChargeId, message.AmountRefundedMinor, message.Currency, message.StripeEventId, refunds.Count);
    }
}
