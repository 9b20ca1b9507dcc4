using Payments.ServiceDefaults.Failures;
using Payments.StripeService.ChargeFacts;
using Payments.StripeService.Client;
using Stripe;

namespace Payments.StripeService.Refunds;

/// <summary>What a refund is for: the metadata entry that marks it (and finds it again), and its idempotency key.</summary>
public sealed record RefundPurpose(string MetadataKey, string MetadataValue, string IdempotencyKey, string Description);

/// <summary>A refund made (or found) for a purpose, and whether it existed before this call.</summary>
public sealed record PurposeRefund(Refund Refund, bool AlreadyExisted);

/// <summary>
/// One refund per purpose (a Znode return, an early fraud warning), never two. The charge's refunds are read first for one carrying the
/// purpose's metadata entry (this covers a redelivery after Stripe pruned the idempotency key, 24 hours on); then the refund is created
/// with that entry and the purpose's idempotency key, so a retry of a call whose answer was lost gets the same refund. Stripe's refusals
/// (more than the unrefunded amount, an already refunded or charged-back charge) come out as <see cref="PermanentFailureException"/>
/// carrying Stripe's message (<see cref="StripeFailures"/>).
/// </summary>
public sealed class ChargeRefunds(StripeClient stripe, StripeChargeFactsReader charges)
{
    /// <param name="amountMinor">Null: all that is left of the charge.</param>
    public async Task<PurposeRefund> RefundOnceAsync(string chargeId, long? amountMinor, string? reason, RefundPurpose purpose,
        IReadOnlyDictionary<string, string> moreMetadata, CancellationToken cancellationToken)
    {
        var existing = (await charges.ListRefundsAsync(chargeId, cancellationToken))
            .FirstOrDefault(r => r.Status is not ("failed" or "canceled") && r.Metadata?.GetValueOrDefault(purpose.MetadataKey) == purpose.MetadataValue);
        if (existing is not null)
            return new PurposeRefund(existing, AlreadyExisted: true);

        var metadata = new Dictionary<string, string>(moreMetadata) { [purpose.MetadataKey] = purpose.MetadataValue };
        var create = new RefundCreateOptions { Charge = chargeId, Amount = amountMinor, Reason = reason, Metadata = metadata };
        var refund = await StripeCalls.RunAsync($"Refunding {purpose.Description} on charge {chargeId}",
            () => stripe.V1.Refunds.CreateAsync(create, new RequestOptions { IdempotencyKey = purpose.IdempotencyKey }, cancellationToken), cancellationToken);
        return new PurposeRefund(refund, AlreadyExisted: false);
    }
}
