using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Payments.Persistence.Outbox;

namespace Payments.Persistence.Scheduling;

/// <summary>
/// The <see cref="SchedulerEndpoint.QueueName"/> endpoint: each command in one transaction of <typeparamref name="TContext"/>
/// with its inbox row, then a wake-up of the dispatcher after the commit.
/// </summary>
public sealed class ScheduledMessageConsumerDefinition<TContext> : ConsumerDefinition<ScheduledMessageConsumer<TContext>>
    where TContext : DbContext
{
    public ScheduledMessageConsumerDefinition() => EndpointName = SchedulerEndpoint.QueueName;

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<ScheduledMessageConsumer<TContext>> consumerConfigurator, IRegistrationContext context)
    {
        // An endpoint filter runs outside the consumer's outbox filter, so it sees the transaction committed.
        endpointConfigurator.UseFilter(new WakeDispatcherFilter(context.GetRequiredService<DispatcherWakeUp>()));
        endpointConfigurator.UsePaymentsOutbox<TContext>(context);
    }
}
