using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Payments.Cli;

namespace Payments.Sandbox.Scenarios;

/// <summary>Runs <c>payments …</c> in process with the sandbox's own settings (its databases and simulators), as an operator would.</summary>
public static class SandboxCli
{
    /// <summary>The exit code and what the command wrote to its output and error.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(SandboxHost sandbox, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await PaymentsCommand.RunAsync(args, sandbox.Services.GetRequiredService<IConfiguration>(), output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
