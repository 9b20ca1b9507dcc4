using MassTransit;
using Microsoft.Extensions.Configuration;
using Payments.ServiceDefaults;
using RabbitMQ.Client.Exceptions;

namespace Payments.Cli;

/// <summary>
/// One message from the operator to a flow, on the broker the services use: a bus of its own lives for this one message, MassTransit
/// routes it to the message's exchange (where the flow's queue is bound) and returns once the broker has confirmed it.
/// </summary>
static class BrokerMessage
{
    /// <summary>How long the command waits for the broker to connect and to confirm the message.</summary>
    static readonly TimeSpan BrokerTimeout = TimeSpan.FromSeconds(15);

    /// <summary>True when the broker confirmed it; else the failure is on stderr (one line) and false.</summary>
    public static async Task<bool> PublishAsync<T>(CliContext context, T message, CancellationToken cancellationToken) where T : class
    {
        var rabbit = context.Configuration.GetSection($"{BusOptions.Section}:RabbitMq").Get<RabbitMqOptions>() ?? new RabbitMqOptions();
        try
        {
            var bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.UsePaymentsRabbitMqHost(rabbit));
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(BrokerTimeout);
            await bus.StartAsync(timeout.Token);
            try
            {
                await bus.Publish(message, timeout.Token);
            }
            finally
            {
                await bus.StopAsync(TimeSpan.FromSeconds(10));
            }
            return true;
        }
        catch (Exception e) when (e is MassTransitException or BrokerUnreachableException or OperationInterruptedException or TimeoutException
                                      or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            await context.Error.WriteLineAsync(
                $"payments: RabbitMQ at {rabbit.Host}:{rabbit.Port}: {(e is OperationCanceledException ? $"no answer within {BrokerTimeout.TotalSeconds:0} s" : e.Message)}");
            return false;
        }
    }
}
