using System.Collections.Concurrent;
using MassTransit;
using Payments.ServiceDefaults.Failures;

namespace Payments.Integration.Tests.Messaging;

public record ScriptedCommand(Guid CorrelationId);

/// <summary>What the consumer does with one message: the test sets it before sending and reads what happened.</summary>
public sealed class Script
{
    public int TransientFailures { get; set; }
    public bool Permanent { get; set; }
    public int Attempts;
    public int Successes;
    public int RedeliveryCountAtSuccess = -1;
    public Guid? MessageIdAtSuccess;
    public TaskCompletionSource Succeeded { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public TaskCompletionSource<Fault<ScriptedCommand>> Faulted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>A tiny consumer that fails as its <see cref="Script"/> says: permanently, or transiently N times, then succeeds.</summary>
public sealed class ScriptedConsumer : IConsumer<ScriptedCommand>
{
    public static readonly ConcurrentDictionary<Guid, Script> Scripts = new();

    public Task Consume(ConsumeContext<ScriptedCommand> context)
    {
        var script = Scripts[context.Message.CorrelationId];
        var attempt = Interlocked.Increment(ref script.Attempts);
        if (script.Permanent)
            throw new PermanentFailureException("Customer 10042 is on credit hold", "P21");
        if (attempt <= script.TransientFailures)
            throw new TransientFailureException($"P21 answered 503 (attempt {attempt})");

        script.RedeliveryCountAtSuccess = context.GetRedeliveryCount();
        script.MessageIdAtSuccess = context.MessageId;
        Interlocked.Increment(ref script.Successes);
        script.Succeeded.TrySetResult();
        return Task.CompletedTask;
    }
}

/// <summary>Stands in for the saga: MassTransit publishes Fault&lt;T&gt; when a message goes to _error.</summary>
public sealed class ScriptedFaultConsumer : IConsumer<Fault<ScriptedCommand>>
{
    public Task Consume(ConsumeContext<Fault<ScriptedCommand>> context)
    {
        if (ScriptedConsumer.Scripts.TryGetValue(context.Message.Message.CorrelationId, out var script))
            script.Faulted.TrySetResult(context.Message);
        return Task.CompletedTask;
    }
}
