using Microsoft.Extensions.Configuration;
using Payments.Cli;
using Payments.ServiceDefaults.Configuration;

// The services' own settings: the environment (Bus__RabbitMq__Host, ...) or an appsettings.json beside the command, and, as the
// services read them, secrets from mounted files (Secrets:Directory, default /run/secrets: a file Stripe__ApiKey holds Stripe:ApiKey).
var configuration = new ConfigurationManager();
configuration.AddJsonFile("appsettings.json", optional: true).AddEnvironmentVariables();
configuration.AddSecretFiles();

return await PaymentsCommand.RunAsync(args, configuration, Console.Out, Console.Error);
