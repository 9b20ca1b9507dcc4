using Microsoft.Extensions.Configuration;
using Spectre.Console;

namespace Payments.Cli;

/// <summary>What every command group gets: the settings the services read, and where to write.</summary>
public sealed class CliContext(IConfiguration configuration, IAnsiConsole output, TextWriter error)
{
    /// <summary>The services' settings (environment, appsettings.json): each group binds the section it needs.</summary>
    public IConfiguration Configuration { get; } = configuration;

    /// <summary>Standard output, for results: tables and progress on a terminal, plain unwrapped lines in a pipe or a file.</summary>
    public IAnsiConsole Out { get; } = output;

    /// <summary>Standard error, for refusals and failures (one line each, starting with <c>payments:</c>).</summary>
    public TextWriter Error { get; } = error;

    /// <summary>
    /// Spectre.Console over <paramref name="writer"/>. Only a terminal gets colours, live progress and wrapping at its width;
    /// anything else (a pipe, a file, a test's StringWriter) gets plain text with every value on one line, for grep and scripts.
    /// </summary>
    public static IAnsiConsole ConsoleFor(TextWriter writer)
    {
        var terminal = ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!terminal)
            console.Profile.Width = UnwrappedWidth;
        return console;
    }

    const int UnwrappedWidth = 4096;
}
