using Payments.Contracts.Shared;
using Payments.Gateway.Webhooks;

namespace Payments.Gateway.Mappers.StripeSubscription;

/// <summary>
/// <c>charge.succeeded</c> of a payment the routing rules gave to the stripe-subscription flow (the charge of a Billing invoice, rule
/// <c>billing</c>): recorded with that flow and published nowhere. The invoice's <c>invoice.paid</c> drives the booking; taking the charge
/// here is what keeps it from also becoming a charge-to-order sales order.
/// </summary>
public sealed class BillingChargeSucceededMapper : IStripeEventMapper
{
    public string Flow => FlowNames.StripeSubscription;

    public IReadOnlyCollection<string> EventTypes { get; } = ["charge.succeeded"];

    public StripeEventMapping Map(StripeEventEnvelope envelope)
    {
        var charge = envelope.DataObject;
        var chargeId = StripeJson.String(charge, "id") ?? "(no id)";
        var invoice = StripeJson.NonEmpty(StripeJson.Id(charge, "invoice"));
        return StripeEventMapping.Ignore(
            $"Charge {chargeId}{(invoice is null ? "" : $" of invoice {invoice}")} belongs to a Billing invoice: the {FlowNames.StripeSubscription} " +
            "flow books the invoice from its invoice.paid event, so the charge itself publishes nothing.");
    }
}
