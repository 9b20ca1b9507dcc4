using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Payments.ServiceDefaults;

namespace Payments.Integration.Tests.Messaging;

/// <summary>A service process in miniature: AddPaymentsBus on the real broker with the scripted consumer on its own queue.</summary>
public sealed class ScriptedHost : IAsyncDisposable
{
    readonly IHost _host;

    ScriptedHost(IHost host) => _host = host;

    public static Task<ScriptedHost> StartAsync(Broker broker, string queue, params (string Key, string Value)[] settings) =>
        StartAsync(broker.BusConfiguration(settings), queue);

    public static Task<ScriptedHost> StartAsync(IDictionary<string, string?> configuration, string queue) =>
        StartAsync(configuration, bus =>
        {
            bus.AddConsumer<ScriptedConsumer>().Endpoint(e => e.Name = queue);
            bus.AddConsumer<ScriptedFaultConsumer>().Endpoint(e => e.Name = queue + "-faults");
        });

    /// <param name="consumers">The consumers of the test, each on its queue.</param>
    /// <param name="hostOptions">MassTransit's host options beyond waiting for the start (e.g. <c>ConsumerStopTimeout</c>).</param>
    public static async Task<ScriptedHost> StartAsync(IDictionary<string, string?> configuration, Action<IBusRegistrationConfigurator> consumers,
        Action<MassTransitHostOptions>? hostOptions = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(configuration);
        // MassTransit logs every retry as a warning with a stack trace; the tests want our own fault line only.
        builder.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Warning).AddFilter("MassTransit", LogLevel.Critical);
        // Start returns once every endpoint (and the fault endpoint's bindings) exist, so nothing is published into the void.
        builder.Services.Configure<MassTransitHostOptions>(o =>
        {
            o.WaitUntilStarted = true;
            hostOptions?.Invoke(o);
        });
        builder.AddPaymentsBus(consumers);
        var host = builder.Build();
        await host.StartAsync();
        return new ScriptedHost(host);
    }

    public IServiceProvider Services => _host.Services;

    public async Task SendAsync(string queue, ScriptedCommand command)
    {
        // The endpoint's exchange, not "queue:": sending to a queue address re-declares the queue without its arguments,
        // which RabbitMQ 3.10 refuses for a quorum queue (inequivalent arg 'x-queue-type').
        var endpoint = await _host.Services.GetRequiredService<IBus>().GetSendEndpoint(new Uri($"exchange:{queue}"));
        await endpoint.Send(command);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
