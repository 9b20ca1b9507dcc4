using System.Globalization;
using Stripe;
using MassTransit;
using Payments.Contracts.ChargeToOrder;
using Payments.Contracts.Shared;
using Payments.StripeService.StripeApi;

namespace Payments.StripeService.Charges;

/// <summary>Writes the P21 order number and customer id into the charge's metadata, so Stripe's dashboard and exports point at the order.</summary>
public sealed class RecordP21OrderOnChargeConsumer(StripeClient stripe, ILogger<RecordP21OrderOnChargeConsumer> logger)
    : IConsumer<RecordP21OrderOnCharge>
{
    public async Task Consume(ConsumeContext<RecordP21OrderOnCharge> context)
    {
        var command = context.Message;
        var update = new ChargeUpdateOptions
        {
            // Stripe merges metadata keys: keys set by the shop (or anyone else) stay as they are.
            Metadata = new Dictionary<string, string>
            {
                [StripeMetadataKeys.P21OrderNo] = command.OrderNo,
                [StripeMetadataKeys.P21CustomerId] = command.CustomerId.ToString(CultureInfo.InvariantCulture),
            },
        };
        var request = new RequestOptions { IdempotencyKey = OrderReferenceIdempotencyKey.For(command.ChargeId, command.OrderNo) };

        try
        {
            await stripe.V1.Charges.UpdateAsync(command.ChargeId, update, request, context.CancellationToken);
        }
        catch (Exception e) when (e is StripeException or HttpRequestException || (e is OperationCanceledException && !context.CancellationToken.IsCancellationRequested))
        {
            throw StripeFailures.Classify(e, $"Recording P21 order {command.OrderNo} on charge {command.ChargeId}");
        }

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
