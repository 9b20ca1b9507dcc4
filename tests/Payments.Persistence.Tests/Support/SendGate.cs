using MassTransit;

namespace Payments.Persistence.Tests.Support;

/// <summary>
/// Holds the sends it <see cref="Affects"/> until the test opens it, as a broker that takes its time to confirm would:
/// <see cref="Entered"/> completes when the first such send is waiting.
/// </summary>
public sealed class SendGate
{
    readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly TaskCompletionSource _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Which sends wait (none by default).</summary>
    public Func<SendContext, bool> Affects { get; set; } = _ => false;

    public Task Entered => _entered.Task;

    public bool IsOpen => _opened.Task.IsCompleted;

    public void Open() => _opened.TrySetResult();

    internal async Task Pass(SendContext context)
    {
        if (!Affects(context))
            return;
        _entered.TrySetResult();
        await _opened.Task;
    }
}

public sealed class SendGateFilter(SendGate gate) : IFilter<SendContext>
{
    public async Task Send(SendContext context, IPipe<SendContext> next)
    {
        await gate.Pass(context);
        await next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("sendGate");
}
