using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Payments.ServiceDefaults.Messaging;

/// <summary>Opts a service in to scheduling through the durable scheduler (docs/scheduler.md).</summary>
public static class MessageSchedulerRegistration
{
    /// <summary>
    /// Schedules go to the scheduler at <paramref name="schedulerAddress"/> as MassTransit's <c>ScheduleMessage</c> and
    /// <c>CancelScheduledMessage</c>: from consumers and sagas (<c>context.ScheduleSend/SchedulePublish</c>, a state
    /// machine's <c>Schedule</c>/<c>Unschedule</c>), because <see cref="BusExtensions.AddPaymentsBus"/> then calls
    /// <c>UseMessageScheduler</c> on the bus, and outside them through <see cref="IMessageScheduler"/>. Inside a consumer
    /// behind the outbox, the schedule commits with the consumer's own changes.
    /// </summary>
    public static IBusRegistrationConfigurator AddPaymentsMessageScheduler(this IBusRegistrationConfigurator bus, Uri schedulerAddress)
    {
        ArgumentNullException.ThrowIfNull(schedulerAddress);
        bus.AddMessageScheduler(schedulerAddress);
        bus.AddSingleton(new MessageSchedulerAddress(schedulerAddress));
        return bus;
    }

    /// <summary>Gives every consume context the scheduler, when the service opted in.</summary>
    internal static void UsePaymentsMessageScheduler(this IBusFactoryConfigurator configurator, IBusRegistrationContext context)
    {
        if (context.GetService<MessageSchedulerAddress>() is { } scheduler)
            configurator.UseMessageScheduler(scheduler.Address);
    }

    sealed record MessageSchedulerAddress(Uri Address);
}
