using MassTransit;
using Payments.Contracts.ChargeToOrder;
using Payments.P21Service.SalesOrders;

namespace Payments.P21Service.ChargeToOrder;

/// <summary>
/// The charge-to-order flow's step in P21: posts the sales order for a paid charge (<see cref="SalesOrderPoster"/>) and announces
/// it with <c>P21OrderPosted</c>, or with <c>P21OrderDiscrepancyFound</c> when P21 kept something other than what was sent. Failures surface as <c>PermanentFailureException</c> / <c>TransientFailureException</c> (with
/// P21's Retry-After) for the shared retry policy.
/// </summary>
public sealed class PostP21OrderConsumer(SalesOrderPoster poster) : IConsumer<PostP21Order>
{
    public async Task Consume(ConsumeContext<PostP21Order> context)
    {
        var outcome = await poster.PostAsync(context.Message, context.CancellationToken);
        if (outcome.Discrepancy is { } discrepancy)
            await context.Publish(discrepancy, context.CancellationToken);
        else
            await context.Publish(outcome.Posted, context.CancellationToken);
    }
}
