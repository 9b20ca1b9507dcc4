using Microsoft.Extensions.Configuration;
using Payments.Cli.Faults;
using Payments.ServiceDefaults;

// The same Bus:RabbitMq settings the services read (environment: Bus__RabbitMq__Host, ...), plus the management URI.
var configuration = new ConfigurationBuilder()
    .AddJsonFile("appsettings.json", optional: true)
    .AddEnvironmentVariables()
    .Build();
var options = configuration.GetSection($"{BusOptions.Section}:RabbitMq").Get<RabbitMqOptions>() ?? new RabbitMqOptions();

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
return await FaultsCommand.RunAsync(args, options, Console.Out, Console.Error, cancel.Token);
