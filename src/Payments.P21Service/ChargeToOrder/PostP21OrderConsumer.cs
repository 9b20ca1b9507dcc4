using MassTransit;
using Payments.Contracts.ChargeToOrder;
using Payments.P21Service.SalesOrders;

namespace Payments.P21Service.ChargeToOrder;

/// <summary>
/// The charge-to-order flow's step in P21: posts the sales order for a paid charge (<see cref="SalesOrderPoster"/>) and announces
/// it with <c>P21OrderPosted</c>. Failures surface as <c>PermanentFailureException</c> / <c>TransientFailureException</c> (with
/// P21's Retry-After) for the shared retry policy.
/// </summary>
public sealed class PostP21OrderConsumer(SalesOrderPoster poster) : IConsumer<PostP21Order>
{
    public async Task Consume(ConsumeContext<PostP21Order> context)
    {
        var posted = await poster.PostAsync(context.Message, context.CancellationToken);
        await context.Publish(posted, context.CancellationToken);
    }
}
