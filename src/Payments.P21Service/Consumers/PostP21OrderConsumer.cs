using MassTransit;
using Payments.Contracts.Commands;
using Payments.P21Service.Orders;
using Payments.ServiceDefaults.Failures;

namespace Payments.P21Service.Consumers;

/// <summary>Posts the P21 sales order for a paid charge and announces it with <c>P21OrderPosted</c>.</summary>
public sealed class PostP21OrderConsumer(SalesOrderPoster poster) : IConsumer<PostP21Order>
{
    /// <summary>Longest server-requested wait honoured in place; a longer one is left to the retry intervals.</summary>
    static readonly TimeSpan MaxHonouredRetryAfter = TimeSpan.FromSeconds(30);

    public async Task Consume(ConsumeContext<PostP21Order> context)
    {
        try
        {
            var posted = await poster.PostAsync(context.Message, context.CancellationToken);
            await context.Publish(posted, context.CancellationToken);
        }
        catch (TransientFailureException e) when (e.RetryAfter is { } wait && wait > TimeSpan.Zero)
        {
            // P21 said when to come back (429/503 Retry-After): the next retry must not come sooner.
            await Task.Delay(wait < MaxHonouredRetryAfter ? wait : MaxHonouredRetryAfter, context.CancellationToken);
            throw;
        }
    }
}
