using MassTransit;
using Payments.Contracts.CustomerSync;
using Payments.Contracts.Shared;
using Payments.Contracts.StripeSubscription;
using Payments.P21Service.Customers;
using Payments.P21Service.Subscriptions;

namespace Payments.P21Service.StripeSubscription;

/// <summary>
/// The stripe-subscription flow's step in P21: books a paid invoice once (<see cref="SubscriptionInvoicePoster"/>) and answers
/// <c>SubscriptionInvoicePosted</c>. An unmapped price or product is a permanent failure naming each (the saga quarantines the invoice). A
/// customer found or created for a Stripe customer with no link is announced with <c>P21CustomerLinked</c>, as charge-to-order does.
/// </summary>
public sealed class PostSubscriptionInvoiceConsumer(SubscriptionInvoicePoster poster, CustomerLinks links, TimeProvider time) : IConsumer<PostSubscriptionInvoice>
{
    public async Task Consume(ConsumeContext<PostSubscriptionInvoice> context)
    {
        var cus = context.Message.Invoice.StripeCustomerId;
        // Claimed first, as charge-to-order does: invoices of one new customer find or create its P21 customer one after the other.
        if (!string.IsNullOrWhiteSpace(cus))
            await links.FindOrAddAsync(cus, context.CancellationToken);
        var outcome = await poster.PostAsync(context.Message, context.CancellationToken);
        if (outcome.Resolved is { } customer && !string.IsNullOrWhiteSpace(cus) && await links.LinkedP21CustomerAsync(cus, context.CancellationToken) is null)
        {
            await links.RememberP21CustomerAsync(cus, customer.CustomerId, context.CancellationToken);
            await context.Publish(new P21CustomerLinked
            {
                CorrelationId = CorrelationKey.StripeCustomer(cus).ToGuid(), StripeCustomerId = cus, P21CustomerId = customer.CustomerId,
                MatchedBy = customer.MatchedByName, FoundFor = context.Message.Invoice.InvoiceId, LinkedAt = time.GetUtcNow(),
            }, context.CancellationToken);
        }
        await context.Publish(outcome.Posted, context.CancellationToken);
    }
}
