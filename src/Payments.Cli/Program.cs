using Microsoft.Extensions.Configuration;
using Payments.Cli;

// The services' own settings: the environment (Bus__RabbitMq__Host, ...) or an appsettings.json beside the command.
var configuration = new ConfigurationBuilder()
    .AddJsonFile("appsettings.json", optional: true)
    .AddEnvironmentVariables()
    .Build();

return await PaymentsCommand.RunAsync(args, configuration, Console.Out, Console.Error);
