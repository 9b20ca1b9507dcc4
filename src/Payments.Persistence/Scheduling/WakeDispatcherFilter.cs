using MassTransit;
using MassTransit.Scheduling;
using Payments.Persistence.Outbox;

namespace Payments.Persistence.Scheduling;

/// <summary>
/// On the scheduler's endpoint, around the inbox/outbox: when a <see cref="ScheduleMessage"/> has been handled, its
/// row is committed, so the dispatcher can be woken for it without finding the table still empty.
/// </summary>
sealed class WakeDispatcherFilter(DispatcherWakeUp wakeUp) : IFilter<ConsumeContext>
{
    public async Task Send(ConsumeContext context, IPipe<ConsumeContext> next)
    {
        await next.Send(context);

        if (context.TryGetMessage<ScheduleMessage>(out var schedule))
            wakeUp.Due(OutboxMessageWriter.AsUtc(schedule.Message.ScheduledTime)!.Value);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("wakeDispatcher");
}
