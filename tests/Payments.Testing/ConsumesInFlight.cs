using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Payments.Testing;

/// <summary>
/// Counts the messages being consumed on the bus (each attempt from its start to its end). A saga on the in-memory repository shows its
/// new state while it is still consuming, before what it publishes has left; a spec that waited for the state waits for this count to
/// reach zero, and a short quiet spell after it (the hop from one consumer's publish to the next consumer), before it counts the
/// messages. The harness's own idle signal (<c>InactivityTask</c>) is no help after the first: it fires once and stays fired.
/// A publish or send counts as activity too, so a spec that has just published waits for its message to be consumed.
/// Register with <see cref="ConsumesInFlightRegistration.AddConsumesInFlight"/>.
/// </summary>
public sealed class ConsumesInFlight : IConsumeObserver, IPublishObserver, ISendObserver
{
    static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(400);

    int _inFlight;
    long _lastActivity = Environment.TickCount64;

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Changed(+1);

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class => Changed(-1);

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Changed(-1);

    public Task PrePublish<T>(PublishContext<T> context) where T : class => Changed(0);

    public Task PostPublish<T>(PublishContext<T> context) where T : class => Changed(0);

    public Task PublishFault<T>(PublishContext<T> context, Exception exception) where T : class => Changed(0);

    public Task PreSend<T>(SendContext<T> context) where T : class => Changed(0);

    public Task PostSend<T>(SendContext<T> context) where T : class => Changed(0);

    public Task SendFault<T>(SendContext<T> context, Exception exception) where T : class => Changed(0);

    Task Changed(int by)
    {
        Interlocked.Add(ref _inFlight, by);
        Volatile.Write(ref _lastActivity, Environment.TickCount64);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Waits until nothing is being consumed and nothing has been sent, started or ended for 0.4 s, <paramref name="timeout"/> at
    /// most (a bound, not an expectation).
    /// </summary>
    public async Task SettledAsync(TimeSpan timeout)
    {
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (Environment.TickCount64 < deadline
               && (Volatile.Read(ref _inFlight) > 0 || Environment.TickCount64 - Volatile.Read(ref _lastActivity) < Quiet.TotalMilliseconds))
            await Task.Delay(20);
    }
}

public static class ConsumesInFlightRegistration
{
    /// <summary>Registers <see cref="ConsumesInFlight"/> (one per bus) as a consume, publish and send observer.</summary>
    public static IBusRegistrationConfigurator AddConsumesInFlight(this IBusRegistrationConfigurator bus)
    {
        bus.AddSingleton<ConsumesInFlight>();
        bus.AddConsumeObserver(provider => provider.GetRequiredService<ConsumesInFlight>());
        bus.AddPublishObserver(provider => provider.GetRequiredService<ConsumesInFlight>());
        bus.AddSendObserver(provider => provider.GetRequiredService<ConsumesInFlight>());
        return bus;
    }

    /// <summary>
    /// Until the harness's bus has settled (<see cref="ConsumesInFlight.SettledAsync"/>), its <c>TestTimeout</c> at most. A saga's new
    /// state shows while it is still consuming, and what it publishes leaves when that consume ends; the harness's own
    /// <c>InactivityTask</c> stays completed after the first idle spell.
    /// </summary>
    public static Task SettledAsync(this ITestHarness harness) =>
        harness.Provider.GetRequiredService<ConsumesInFlight>().SettledAsync(harness.TestTimeout);
}
