using MassTransit;
using Microsoft.Extensions.Options;
using Payments.Contracts.Shared;
using Payments.Contracts.ZnodeReturn;
using Payments.ServiceDefaults.Failures;
using Payments.StripeService.ChargeFacts;
using Payments.StripeService.PaymentIntents;
using Payments.StripeService.Refunds;

namespace Payments.StripeService.ZnodeReturn;

/// <summary>
/// The znode-return flow's step in Stripe: refunds the approved amount of the return on the order's charge, once (idempotency key
/// <c>znode-return:{returnNumber}</c>, the return and order numbers in the refund's metadata, <see cref="ChargeRefunds"/>), then
/// <see cref="ZnodeReturnRefunded"/>. The stripe-refund flow books the refund from its webhook. What Stripe refuses (more than the
/// unrefunded amount, an already refunded charge) fails permanently with Stripe's message, so the saga shows the reason and the RMA stays as it is.
/// </summary>
public sealed class RefundZnodeReturnConsumer(ChargeRefunds refunds, StripeChargeFactsReader charges, IOptions<PaymentIntentOptions> options,
    ILogger<RefundZnodeReturnConsumer> logger) : IConsumer<RefundZnodeReturn>
{
    public static string IdempotencyKey(string returnNumber) => $"znode-return:{returnNumber}";

    public async Task Consume(ConsumeContext<RefundZnodeReturn> context)
    {
        var command = context.Message;
        if (string.IsNullOrWhiteSpace(command.ChargeId))
            throw new PermanentFailureException($"Znode return {command.ReturnNumber} of order {command.OrderNumber} names no Stripe charge: there is nothing to refund it on.");
        if (command.AmountMinor <= 0)
            throw new PermanentFailureException($"Znode return {command.ReturnNumber} approves {command.AmountMinor} {command.Currency} minor units: nothing to refund.");
        var charge = await charges.ReadAsync(command.ChargeId, context.CancellationToken);
        if (!string.Equals(charge.Currency, command.Currency, StringComparison.OrdinalIgnoreCase))
            throw new PermanentFailureException(
                $"Znode return {command.ReturnNumber} is in {command.Currency} but charge {command.ChargeId} is in {charge.Currency}: not refunded.");

        var purpose = new RefundPurpose(StripeMetadataKeys.ZnodeReturnNumber, command.ReturnNumber, IdempotencyKey(command.ReturnNumber), $"Znode return {command.ReturnNumber}");
        var metadata = new Dictionary<string, string> { [options.Value.OrderNumberMetadataKey] = command.OrderNumber };
        var (refund, existed) = await refunds.RefundOnceAsync(command.ChargeId, command.AmountMinor, "requested_by_customer", purpose, metadata, context.CancellationToken);
        if (existed)
            logger.LogInformation("Znode return {ReturnNumber} was already refunded by {RefundId} on charge {ChargeId}; not refunding again", command.ReturnNumber, refund.Id, command.ChargeId);
        else
            logger.LogInformation("Refunded Znode return {ReturnNumber} of order {OrderNumber}: {RefundId}, {Amount} {Currency} minor units on charge {ChargeId}",
                command.ReturnNumber, command.OrderNumber, refund.Id, refund.Amount, command.Currency, command.ChargeId);

        await context.Publish(new ZnodeReturnRefunded
        {
            CorrelationId = command.CorrelationId,
            ReturnNumber = command.ReturnNumber,
            RefundId = refund.Id,
            ChargeId = command.ChargeId,
            AmountMinor = refund.Amount,
            Currency = refund.Currency.ToUpperInvariant(),
            Status = refund.Status,
        });
    }
}
