using MassTransit;

namespace Payments.Persistence.Tests.Support;

/// <summary>While <see cref="Down"/> is set, every send from the bus fails as it would with the broker unreachable.</summary>
public sealed class BrokerOutage
{
    int _failedSends;
    int _sends;
    readonly TaskCompletionSource _firstFailure = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public volatile bool Down;

    /// <summary>Which sends the outage breaks (all by default), e.g. only those to one message type's exchange.</summary>
    public Func<SendContext, bool> Affects { get; set; } = _ => true;

    public int FailedSends => Volatile.Read(ref _failedSends);

    /// <summary>Every send that reached the transport's send pipe, failed or not.</summary>
    public int Sends => Volatile.Read(ref _sends);

    internal void Saw() => Interlocked.Increment(ref _sends);

    public Task FirstFailure => _firstFailure.Task;

    public void Fail()
    {
        Interlocked.Increment(ref _failedSends);
        _firstFailure.TrySetResult();
        // What MassTransit's RabbitMQ transport throws when it has no connection (RabbitMqConnectionException derives from it).
        throw new ConnectionException("Simulated broker outage: the connection is closed");
    }
}

public sealed class BrokerOutageFilter(BrokerOutage outage) : IFilter<SendContext>
{
    public Task Send(SendContext context, IPipe<SendContext> next)
    {
        outage.Saw();
        if (outage.Down && outage.Affects(context))
            outage.Fail();
        return next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("brokerOutage");
}
