using System.Collections.Concurrent;
using MassTransit;
using Payments.Persistence.Outbox;

namespace Payments.Persistence.Tests.Scheduling.Model;

/// <summary>The token of each reminder's schedule, shared by the hosts of one test (as a saga's row would keep it).</summary>
public sealed class ReminderTokens
{
    public ConcurrentDictionary<Guid, Guid> ByReminder { get; } = new();
}

/// <summary>Schedules from a consumer behind the inbox/outbox: the ScheduleMessage leaves with the consumer's commit.</summary>
public class ReminderScheduler(ReminderTokens tokens) : IConsumer<ScheduleReminder>, IConsumer<CancelReminder>
{
    public static readonly Uri ReminderQueue = new($"queue:{ReminderRecorderDefinition.QueueName}");

    public async Task Consume(ConsumeContext<ScheduleReminder> context)
    {
        var reminder = new ReminderDue(context.Message.ReminderId, context.Message.Text);
        var scheduled = context.Message.Publish
            ? await context.SchedulePublish(context.Message.DueTime, reminder)
            : await context.ScheduleSend(ReminderQueue, context.Message.DueTime, reminder);
        tokens.ByReminder[context.Message.ReminderId] = scheduled.TokenId;
    }

    public async Task Consume(ConsumeContext<CancelReminder> context)
    {
        if (tokens.ByReminder.TryGetValue(context.Message.ReminderId, out var tokenId))
            await context.GetPayload<MessageSchedulerContext>().CancelScheduledSend(ReminderQueue, tokenId, context.CancellationToken);
    }
}

public class ReminderSchedulerDefinition : ConsumerDefinition<ReminderScheduler>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<ReminderScheduler> consumerConfigurator,
        IRegistrationContext context) =>
        endpointConfigurator.UsePaymentsOutbox<SchedulingTestDbContext>(context);
}

/// <summary>One delivery of a fired reminder, as the receiving consumer saw it.</summary>
public record ReminderDelivery(Guid ReminderId, string Text, Guid? MessageId, Guid? TokenId, int RedeliveryCount, DateTime ReceivedAt, string Host);

/// <summary>Every delivery, across the hosts of one test. Not behind the inbox: a duplicate would show here.</summary>
public sealed class ReminderLog
{
    public ConcurrentQueue<ReminderDelivery> Deliveries { get; } = new();

    public IReadOnlyList<ReminderDelivery> For(Guid reminderId) => Deliveries.Where(d => d.ReminderId == reminderId).ToList();
}

/// <summary>The name of the host a consumer runs in.</summary>
public sealed record HostName(string Value);

public class ReminderRecorder(ReminderLog log, HostName host, TimeProvider time) : IConsumer<ReminderDue>
{
    public Task Consume(ConsumeContext<ReminderDue> context)
    {
        log.Deliveries.Enqueue(new ReminderDelivery(context.Message.ReminderId, context.Message.Text, context.MessageId,
            context.GetSchedulingTokenId(), context.GetRedeliveryCount(), time.GetUtcNow().UtcDateTime, host.Value));
        return Task.CompletedTask;
    }
}

public class ReminderRecorderDefinition : ConsumerDefinition<ReminderRecorder>
{
    public const string QueueName = "reminder-due";

    public ReminderRecorderDefinition() => EndpointName = QueueName;
}
