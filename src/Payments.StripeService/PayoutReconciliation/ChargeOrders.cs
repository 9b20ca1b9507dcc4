using Payments.Contracts.Shared;
using Payments.StripeService.Client;
using Stripe;

namespace Payments.StripeService.PayoutReconciliation;

/// <summary>The order a charge was paid for, from its metadata: the P21 order the charge-to-order flow wrote back, or the Znode order.</summary>
public sealed record ChargeOrder(string? P21OrderNo, string? ZnodeOrderNumber)
{
    public bool Known => P21OrderNo is not null || ZnodeOrderNumber is not null;
}

/// <summary>
/// Finds the order of the charges a payout's balance transactions name. A charge listed as a source is expanded and read as it is;
/// the charge of a refund or dispute is read from Stripe once per listing and kept, up to <see cref="CacheLimit"/> charges (then the
/// cache starts afresh), so a payout with many refunds does not grow memory without bound.
/// </summary>
sealed class ChargeOrders(StripeClient stripe, string znodeOrderNumberKey)
{
    public const int CacheLimit = 1_000;

    readonly Dictionary<string, ChargeOrder> _read = new(StringComparer.Ordinal);

    public int Reads { get; private set; }

    public ChargeOrder Of(Charge charge)
    {
        var metadata = charge.Metadata ?? new Dictionary<string, string>();
        return new ChargeOrder(StripeValues.NonEmpty(metadata.GetValueOrDefault(StripeMetadataKeys.P21OrderNo)),
            StripeValues.NonEmpty(metadata.GetValueOrDefault(znodeOrderNumberKey)));
    }

    public async Task<ChargeOrder> OfAsync(string chargeId, CancellationToken cancellationToken)
    {
        if (_read.TryGetValue(chargeId, out var known)) return known;
        var charge = await StripeCalls.RunAsync($"Reading charge {chargeId}",
            () => stripe.V1.Charges.GetAsync(chargeId, cancellationToken: cancellationToken), cancellationToken);
        Reads++;
        if (_read.Count >= CacheLimit) _read.Clear();
        return _read[chargeId] = Of(charge);
    }
}
