using Payments.Contracts.ChargeToOrder;
using Payments.Contracts.Shared;

namespace Payments.Sagas.ChargeToOrder;

/// <summary>Whether a charge already carries what posting it needs, or the Stripe service must collect it first (<see cref="CollectChargeOrderDetails"/>).</summary>
public static class ChargeOrderDetails
{
    /// <summary>
    /// Lines (the shop's metadata <c>items</c>) and a customer: an e-mail, or a P21 customer chosen in metadata. A Stripe Checkout shop
    /// keeps its lines on the session, and a charge may name only a Stripe Customer; such a charge is completed first.
    /// </summary>
    public static bool AreComplete(PaymentDetails payment) =>
        payment.Lines.Count > 0
        && (!string.IsNullOrWhiteSpace(payment.CustomerEmail) || payment.Metadata.ContainsKey(StripeMetadataKeys.P21CustomerId));
}
