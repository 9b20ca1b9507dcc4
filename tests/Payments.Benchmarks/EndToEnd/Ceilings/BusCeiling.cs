using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Payments.ServiceDefaults;
using Payments.Testing.Cluster;

namespace Payments.Benchmarks.EndToEnd.Ceilings;

/// <summary>
/// MassTransit's durable send-to-consume as every service sets its bus up (<see cref="BusExtensions.AddPaymentsBus"/>: RabbitMQ host,
/// kebab-case endpoints, the retry and fault policy, wait queues, the default serializer and prefetch), with a consumer that only
/// counts: messages per second from the first send (awaited until the broker confirms it) to the last consumed.
/// </summary>
public sealed class BusCeiling : IAsyncDisposable
{
    readonly IHost _host;

    BusCeiling(IHost host) => _host = host;

    public static async Task<BusCeiling> StartAsync(RabbitMqOptions broker)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // The services' own environment keys (Bus__…), as configuration keys.
        builder.Configuration.AddInMemoryCollection(ServiceEnvironment.Bus(broker, "Classic")
            .Select(e => KeyValuePair.Create(e.Key.Replace("__", ":", StringComparison.Ordinal), (string?)e.Value)));
        builder.Services.AddSingleton<BusPingCounter>();
        builder.AddPaymentsBus(bus => bus.AddConsumer<BusPingConsumer>());
        var host = builder.Build();
        await host.StartAsync();
        return new BusCeiling(host);
    }

    public async Task<double> MeasureAsync(int messages, int inFlight)
    {
        var counter = _host.Services.GetRequiredService<BusPingCounter>();
        var bus = _host.Services.GetRequiredService<IBus>();
        var endpoint = await bus.GetSendEndpoint(new Uri("queue:bus-ping"));
        var done = counter.Expect(messages);
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < messages)
                await endpoint.Send(new BusPing { CorrelationId = NewId.NextGuid(), Number = i });
        }));
        await done.WaitAsync(TimeSpan.FromMinutes(5));
        clock.Stop();
        return messages / clock.Elapsed.TotalSeconds;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
