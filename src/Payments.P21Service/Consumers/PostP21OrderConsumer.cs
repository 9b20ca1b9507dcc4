using MassTransit;
using Payments.Contracts.ChargeToOrder;
using Payments.P21Service.Orders;

namespace Payments.P21Service.Consumers;

/// <summary>
/// Posts the P21 sales order for a paid charge and announces it with <c>P21OrderPosted</c>. Failures surface as
/// <c>PermanentFailureException</c> / <c>TransientFailureException</c> (with P21's Retry-After) for the shared retry policy.
/// </summary>
public sealed class PostP21OrderConsumer(SalesOrderPoster poster) : IConsumer<PostP21Order>
{
    public async Task Consume(ConsumeContext<PostP21Order> context)
    {
        var posted = await poster.PostAsync(context.Message, context.CancellationToken);
        await context.Publish(posted, context.CancellationToken);
    }
}
