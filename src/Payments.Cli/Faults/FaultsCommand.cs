using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Payments.ServiceDefaults;
using Payments.ServiceDefaults.Faults;
using RabbitMQ.Client.Exceptions;

namespace Payments.Cli.Faults;

/// <summary><c>payments faults list|redrive</c>: MassTransit's <c>_error</c> queues (docs/messaging.md); the work is in <see cref="FaultQueues"/>.</summary>
public static class FaultsCommand
{
    public static Command Create(CliContext context) =>
        new("faults",
            "Inspects and redrives the _error queues, where messages land that failed for good (docs/messaging.md). "
            + "Broker: Bus__RabbitMq__Host, __Port, __VirtualHost, __Username, __Password, __ManagementUri.")
        {
            ListFaultsCommand.Create(context),
            RedriveFaultsCommand.Create(context),
        };

    /// <summary>Runs <paramref name="work"/> on the broker the services use; a broker that cannot be reached or refuses is one line on stderr and exit 1.</summary>
    internal static async Task<int> OnBrokerAsync(CliContext context, Func<FaultQueues, Task<int>> work)
    {
        var options = context.Configuration.GetSection($"{BusOptions.Section}:RabbitMq").Get<RabbitMqOptions>() ?? new RabbitMqOptions();
        try
        {
            await using var faults = new FaultQueues(options);
            return await work(faults);
        }
        catch (Exception e) when (e is HttpRequestException or BrokerUnreachableException or OperationInterruptedException
                                      or TaskCanceledException { InnerException: TimeoutException })
        {
            await context.Error.WriteLineAsync($"payments: RabbitMQ at {options.Host}:{options.Port} (management {options.ManagementUri}): {e.Message}");
            return ExitCodes.Failed;
        }
    }
}
