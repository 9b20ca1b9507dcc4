using System.Collections.Concurrent;
using MassTransit;
using Payments.Contracts.Events;

namespace Payments.Sandbox;

/// <summary>How an order payment ended, as the saga announced it.</summary>
public sealed record PaymentOutcome(Guid CorrelationId, bool Completed, string? OrderNo, long? CustomerId, string? FailedStep, string? Reason);

/// <summary>Lets the sandbox wait for the saga's verdict on a payment.</summary>
public sealed class PaymentOutcomes
{
    readonly ConcurrentDictionary<Guid, TaskCompletionSource<PaymentOutcome>> _outcomes = new();

    public Task<PaymentOutcome> WaitFor(Guid correlationId, CancellationToken cancellationToken) =>
        Slot(correlationId).Task.WaitAsync(cancellationToken);

    internal void Report(PaymentOutcome outcome) => Slot(outcome.CorrelationId).TrySetResult(outcome);

    TaskCompletionSource<PaymentOutcome> Slot(Guid id) =>
        _outcomes.GetOrAdd(id, _ => new TaskCompletionSource<PaymentOutcome>(TaskCreationOptions.RunContinuationsAsynchronously));
}

/// <summary>Listens for the saga's completion and failure events on the sandbox's bus.</summary>
public sealed class PaymentOutcomeObserver(PaymentOutcomes outcomes) : IConsumer<OrderPaymentCompleted>, IConsumer<OrderPaymentFailed>
{
    public Task Consume(ConsumeContext<OrderPaymentCompleted> context)
    {
        var m = context.Message;
        outcomes.Report(new PaymentOutcome(m.CorrelationId, true, m.OrderNo, m.CustomerId, null, null));
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<OrderPaymentFailed> context)
    {
        var m = context.Message;
        outcomes.Report(new PaymentOutcome(m.CorrelationId, false, null, null, m.Step, m.Reason));
        return Task.CompletedTask;
    }
}
