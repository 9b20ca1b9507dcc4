namespace Payments.Persistence.Scheduling;

/// <summary>Where schedules are sent: the queue the scheduler's consumer reads, shared by every service that schedules.</summary>
public static class SchedulerEndpoint
{
    public const string QueueName = "payments-scheduler";

    /// <summary>
    /// The endpoint's exchange rather than <c>queue:</c>: on RabbitMQ a send to a queue address re-declares the queue
    /// without its arguments, which RabbitMQ 3.10 refuses for a quorum queue (see docs/scheduler.md).
    /// </summary>
    public static readonly Uri Address = new($"exchange:{QueueName}");
}
