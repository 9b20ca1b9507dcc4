using Microsoft.Extensions.Options;
using Payments.Contracts.Shared;
using Payments.StripeService.Client;
using Payments.StripeService.PaymentIntents;
using Stripe;

namespace Payments.StripeService.ChargeFacts;

/// <summary>
/// Reads a charge fresh from Stripe as the money-back flows need it (<see cref="StripeChargeFacts"/>): amount, every refund with its own
/// amount and status, Radar's risk, whether it is disputed, and the documents the other flows left in its metadata (the P21 order and
/// customer the charge-to-order flow wrote back; the Znode order number under <c>Stripe:PaymentIntents:OrderNumberMetadataKey</c>,
/// copied by Stripe from the PaymentIntent). Refunds are listed by charge (Stripe no longer includes them in the charge since API
/// 2022-11-15 unless expanded, and an expanded list stops at 10), every page read.
/// </summary>
public sealed class StripeChargeFactsReader(StripeClient stripe, IOptions<PaymentIntentOptions> options)
{
    public async Task<StripeChargeFacts> ReadAsync(string chargeId, CancellationToken cancellationToken)
    {
        var charge = await StripeCalls.RunAsync($"Reading charge {chargeId}",
            () => stripe.V1.Charges.GetAsync(chargeId, cancellationToken: cancellationToken), cancellationToken);
        var refunds = await ListRefundsAsync(chargeId, cancellationToken);
        var metadata = charge.Metadata ?? new Dictionary<string, string>();
        return new StripeChargeFacts
        {
            ChargeId = charge.Id,
            PaymentIntentId = StripeValues.NonEmpty(charge.PaymentIntentId),
            AmountMinor = charge.Amount,
            Currency = charge.Currency.ToUpperInvariant(),
            Status = charge.Status,
            AmountRefundedMinor = charge.AmountRefunded,
            Refunds = [.. refunds.OrderBy(r => r.Created).Select(r => new ChargeRefundFact
            {
                RefundId = r.Id, AmountMinor = r.Amount, Status = r.Status, CreatedAt = new DateTimeOffset(r.Created, TimeSpan.Zero),
            })],
            Disputed = charge.Disputed,
            RiskLevel = StripeValues.NonEmpty(charge.Outcome?.RiskLevel),
            // Stripe.net reads an absent risk_score as 0: a score only counts when Radar assessed the charge (it then gives a level too).
            RiskScore = charge.Outcome is { RiskLevel.Length: > 0 } outcome ? (int)outcome.RiskScore : null,
            StripeCustomerId = StripeValues.NonEmpty(charge.CustomerId),
            P21OrderNo = StripeValues.NonEmpty(metadata.GetValueOrDefault(StripeMetadataKeys.P21OrderNo)),
            P21CustomerId = StripeValues.NonEmpty(metadata.GetValueOrDefault(StripeMetadataKeys.P21CustomerId)),
            ZnodeOrderNumber = StripeValues.NonEmpty(metadata.GetValueOrDefault(options.Value.OrderNumberMetadataKey)),
            CreatedAt = new DateTimeOffset(charge.Created, TimeSpan.Zero),
        };
    }

    /// <summary>Every refund of the charge, all pages.</summary>
    public Task<List<Refund>> ListRefundsAsync(string chargeId, CancellationToken cancellationToken) =>
        StripeCalls.RunAsync($"Listing the refunds of charge {chargeId}", async () =>
        {
            var refunds = new List<Refund>();
            await foreach (var refund in stripe.V1.Refunds.ListAutoPagingAsync(new RefundListOptions { Charge = chargeId, Limit = 100 }, cancellationToken: cancellationToken))
                refunds.Add(refund);
            return refunds;
        }, cancellationToken);
}
