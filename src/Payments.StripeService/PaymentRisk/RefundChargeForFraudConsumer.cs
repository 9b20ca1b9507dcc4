using MassTransit;
using Payments.Contracts.PaymentRisk;
using Payments.Contracts.Shared;
using Payments.StripeService.Refunds;

namespace Payments.StripeService.PaymentRisk;

/// <summary>
/// The risk policy's proactive refund: all that is left of the charge, reason <c>fraudulent</c>, the warning in metadata and in the
/// idempotency key (<c>early-fraud-warning:{warningId}</c>), never twice (<see cref="ChargeRefunds"/>); then <see cref="ChargeRefundedForFraud"/>.
/// A refunded charge can no longer be disputed. The stripe-refund flow books the refund from its webhook.
/// </summary>
public sealed class RefundChargeForFraudConsumer(ChargeRefunds refunds, ILogger<RefundChargeForFraudConsumer> logger) : IConsumer<RefundChargeForFraud>
{
    public const string Reason = "fraudulent";

    public static string IdempotencyKey(string warningId) => $"early-fraud-warning:{warningId}";

    public async Task Consume(ConsumeContext<RefundChargeForFraud> context)
    {
        var command = context.Message;
        var purpose = new RefundPurpose(StripeMetadataKeys.EarlyFraudWarning, command.WarningId, IdempotencyKey(command.WarningId), $"early fraud warning {command.WarningId}");
        var (refund, existed) = await refunds.RefundOnceAsync(command.ChargeId, amountMinor: null, Reason, purpose, new Dictionary<string, string>(), context.CancellationToken);
        if (existed)
            logger.LogInformation("Charge {ChargeId} was already refunded for early fraud warning {WarningId} by {RefundId}; not refunding again", command.ChargeId, command.WarningId, refund.Id);
        else
            logger.LogInformation("Refunded charge {ChargeId} for early fraud warning {WarningId}: {RefundId}, {Amount} {Currency} minor units",
                command.ChargeId, command.WarningId, refund.Id, refund.Amount, refund.Currency.ToUpperInvariant());

        await context.Publish(new ChargeRefundedForFraud
        {
            CorrelationId = command.CorrelationId,
            ChargeId = command.ChargeId,
            RefundId = refund.Id,
            AmountMinor = refund.Amount,
            Currency = refund.Currency.ToUpperInvariant(),
        });
    }
}
