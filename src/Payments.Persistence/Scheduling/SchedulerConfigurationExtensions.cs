using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Payments.Persistence.BusOutbox;
using Payments.Persistence.Outbox;
using Payments.ServiceDefaults.Configuration;

namespace Payments.Persistence.Scheduling;

public static class SchedulerConfigurationExtensions
{
    /// <summary>
    /// Hosts the message scheduler on <typeparamref name="TContext"/> (whose model calls
    /// <c>AddTransactionalOutboxEntities</c> and <see cref="SchedulerModelBuilderExtensions.AddScheduledMessageEntity"/>):
    /// the <see cref="SchedulerEndpoint.QueueName"/> endpoint that stores and cancels schedules behind the inbox/outbox,
    /// and the <see cref="ScheduledMessageDispatcher{TContext}"/> that fires them through the bus outbox. Options from the
    /// <c>Scheduler</c> section, checked at start-up. Services that schedule send to <see cref="SchedulerEndpoint.Address"/>
    /// (<c>AddMessageScheduler</c> and <c>UseMessageScheduler</c>; see docs/scheduler.md). One scheduler per process.
    /// </summary>
    public static IBusRegistrationConfigurator AddPaymentsScheduler<TContext>(this IBusRegistrationConfigurator bus,
        Action<SchedulerOptions>? configure = null)
        where TContext : DbContext
    {
        var options = bus.AddValidatedOptions<SchedulerOptions>(SchedulerOptions.Section);
        if (configure != null)
            options.Configure(configure);

        bus.AddPaymentsOutbox<TContext>();
        bus.TryAddSingleton(TimeProvider.System);
        bus.TryAddSingleton<DispatcherWakeUp>();
        // The dispatcher runs this relay itself after each commit (it is not a hosted service of its own here); the
        // stuck-outbox monitor and its health check come with it.
        bus.AddBusOutboxRelay<TContext>();

        bus.AddConsumer<ScheduledMessageConsumer<TContext>, ScheduledMessageConsumerDefinition<TContext>>();
        bus.AddHostedService<ScheduledMessageDispatcher<TContext>>();
        return bus;
    }
}
