using Microsoft.Extensions.Configuration;

namespace Payments.Cli.Tests;

/// <summary>Runs <c>payments</c> in process with the given settings, as the operator's shell would with those environment variables.</summary>
static class CliRun
{
    public static async Task<(int ExitCode, string Output, string Error)> Run(IDictionary<string, string?> settings, params string[] args)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await PaymentsCommand.RunAsync(args, configuration, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }
}
