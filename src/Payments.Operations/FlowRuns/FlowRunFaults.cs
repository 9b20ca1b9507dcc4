using Payments.Persistence.Audit;
using Payments.ServiceDefaults;
using Payments.ServiceDefaults.Faults;

namespace Payments.Operations.FlowRuns;

/// <summary>What a redrive did, in words for the page.</summary>
public sealed record RedriveOutcome(bool Moved, string Message);

/// <summary>
/// A flow run's faulted messages in the broker's <c>_error</c> queues, and their redrive (back to the queue they failed in, as
/// <c>payments faults redrive</c> does), recorded in the audit trail as the operator's action. On the in-memory bus there are no
/// <c>_error</c> queues: <see cref="Available"/> is false and the page says so.
/// </summary>
public sealed class FlowRunFaults(BusOptions bus, IServiceProvider services, TimeProvider clock, ILogger<FlowRunFaults> logger)
{
    /// <summary>How deep each error queue is searched for the run's messages.</summary>
    const int MaxPerQueue = 200;

    public bool Available => bus.Transport == BusTransport.RabbitMq;

    public async Task<IReadOnlyList<FaultFound>> FindAsync(Guid correlationId, CancellationToken cancellationToken)
    {
        if (!Available)
            return [];
        await using var queues = new FaultQueues(bus.RabbitMq, "payments-operations");
        return await queues.FindAsync(correlationId, MaxPerQueue, cancellationToken);
    }

    /// <summary>Moves one message of <paramref name="run"/> back; refused when it is not the run's, or when nothing can audit it.</summary>
    public async Task<RedriveOutcome> RedriveAsync(FlowRun run, string errorQueue, string messageId, string actor, CancellationToken cancellationToken)
    {
        if (!Available)
            return new RedriveOutcome(false, "Redrive needs the RabbitMQ transport (Bus:Transport=RabbitMq): the in-memory bus keeps no _error queues.");
        // Redrive changes what the flows do next, so it is never done unrecorded.
        if (services.GetService<IAuditTrail>() is not { } audit)
            return new RedriveOutcome(false, "Redrive is refused: no audit trail is configured to record it (Audit connection string).");

        var started = clock.GetTimestamp();
        await using var queues = new FaultQueues(bus.RabbitMq, "payments-operations");
        var fault = (await queues.FindAsync(run.CorrelationId, MaxPerQueue, cancellationToken))
            .FirstOrDefault(f => f.ErrorQueue == errorQueue && string.Equals(f.Message.MessageId, messageId, StringComparison.OrdinalIgnoreCase));
        if (fault is null)
        {
            await RecordAsync(audit, run, errorQueue, messageId, null, actor, AuditOutcomes.Refused,
                "no such message of this payment in the queue (already redriven?)", started, cancellationToken);
            return new RedriveOutcome(false, $"No message {messageId} of this payment in {errorQueue}: it may have been redriven already.");
        }

        RedriveResult result;
        try
        {
            result = await queues.RedriveAsync(errorQueue, messageId, cancellationToken: cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Redrive of {MessageId} from {ErrorQueue} by {Actor} failed", messageId, errorQueue, actor);
            await RecordAsync(audit, run, errorQueue, messageId, fault.Message.MessageType, actor, AuditOutcomes.Failed, e.Message, started, cancellationToken);
            return new RedriveOutcome(false, $"The redrive failed: {e.Message}");
        }

        var moved = result.Moved == 1;
        await RecordAsync(audit, run, errorQueue, messageId, fault.Message.MessageType, actor,
            moved ? AuditOutcomes.Succeeded : AuditOutcomes.Failed,
            moved ? $"moved to {result.SourceQueue}" : "the message was no longer in the queue", started, cancellationToken);
        logger.LogInformation("{Actor} redrove {MessageId} of {Subject} from {ErrorQueue} to {SourceQueue}", actor, messageId, run.Subject, errorQueue, result.SourceQueue);
        return moved
            ? new RedriveOutcome(true, $"Moved {fault.Message.MessageType ?? "the message"} back to {result.SourceQueue}; the flow resumes when it is handled.")
            : new RedriveOutcome(false, $"Message {messageId} was no longer in {errorQueue}.");
    }

    Task RecordAsync(IAuditTrail audit, FlowRun run, string errorQueue, string messageId, string? messageType, string actor, string outcome,
        string result, long started, CancellationToken cancellationToken) =>
        audit.RecordAsync(new AuditEntry
        {
            At = clock.GetUtcNow(),
            Service = "operations",
            System = AuditSystems.Operator,
            Action = "redrive",
            Flow = run.Flow,
            Step = StepOf(messageType),
            Subject = run.Subject,
            Request = $"{errorQueue} message {messageId}",
            Outcome = outcome,
            Result = result,
            DurationMs = (long)clock.GetElapsedTime(started).TotalMilliseconds,
            Actor = actor,
            References = $"{run.Subject} {KeyOf(run.Subject)} {run.CorrelationId}",
        }, cancellationToken);

    /// <summary><c>Payments.Contracts.ChargeToOrder.PostP21Order</c> → <c>PostP21Order</c>, as the flows name their steps.</summary>
    static string? StepOf(string? messageType) => messageType?[(messageType.LastIndexOfAny(['.', ':']) + 1)..];

    static string KeyOf(string subject) => subject[(subject.IndexOf(':') + 1)..];
}
