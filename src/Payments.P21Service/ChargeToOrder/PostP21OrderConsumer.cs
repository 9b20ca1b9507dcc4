using MassTransit;
using Payments.Contracts.ChargeToOrder;
using Payments.Contracts.CustomerSync;
using Payments.Contracts.Shared;
using Payments.P21Service.Customers;
using Payments.P21Service.SalesOrders;

namespace Payments.P21Service.ChargeToOrder;

/// <summary>
/// The charge-to-order flow's step in P21: posts the sales order for a paid charge (<see cref="SalesOrderPoster"/>) and announces
/// it with <c>P21OrderPosted</c>, or with <c>P21OrderDiscrepancyFound</c> when P21 kept something other than what was sent. Failures surface as <c>PermanentFailureException</c> / <c>TransientFailureException</c> (with
/// P21's Retry-After) for the shared retry policy. When the customer was found or created for a Stripe customer with no link yet, it says so
/// with <c>P21CustomerLinked</c> (the customer saga records the link) and keeps it in its own link copy, in the same outbox commit.
/// </summary>
public sealed class PostP21OrderConsumer(SalesOrderPoster poster, CustomerLinks links, TimeProvider time) : IConsumer<PostP21Order>
{
    public async Task Consume(ConsumeContext<PostP21Order> context)
    {
        var payment = context.Message.Payment;
        // The customer's link copy is claimed first: two charges of one new customer then find or create its P21 customer one after the other.
        if (!string.IsNullOrWhiteSpace(payment.StripeCustomerId))
            await links.FindOrAddAsync(payment.StripeCustomerId, context.CancellationToken);
        var outcome = await poster.PostAsync(context.Message, context.CancellationToken);
        if (outcome.Customer is { Linked: false } customer && !string.IsNullOrWhiteSpace(payment.StripeCustomerId)
            && await links.LinkedP21CustomerAsync(payment.StripeCustomerId, context.CancellationToken) is null)
        {
            await links.RememberP21CustomerAsync(payment.StripeCustomerId, customer.CustomerId, context.CancellationToken);
            await context.Publish(new P21CustomerLinked
            {
                CorrelationId = CorrelationKey.StripeCustomer(payment.StripeCustomerId).ToGuid(), StripeCustomerId = payment.StripeCustomerId,
                P21CustomerId = customer.CustomerId, MatchedBy = customer.MatchedByName, FoundFor = payment.ChargeId, LinkedAt = time.GetUtcNow(),
            }, context.CancellationToken);
        }
        if (outcome.Discrepancy is { } discrepancy)
            await context.Publish(discrepancy, context.CancellationToken);
        else
            await context.Publish(outcome.Posted, context.CancellationToken);
    }
}
