using Payments.Sandbox;
using Spectre.Console;

var console = AnsiConsole.Console;
// Redirected output (CI, a pipe) has no window: wide enough that report lines do not wrap.
if (Console.IsOutputRedirected)
    console.Profile.Width = 160;
return await SandboxCommand.InvokeAsync(args, console);
