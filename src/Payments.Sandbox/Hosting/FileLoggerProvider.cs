using System.Collections.Concurrent;
using System.Globalization;

namespace Payments.Sandbox.Hosting;

/// <summary>
/// The services' log lines, appended to one file in the sandbox's data folder: the scenarios' reports are the console
/// output, and the retries and faults a scenario provokes on purpose would bury them.
/// </summary>
public sealed class FileLoggerProvider(string path) : ILoggerProvider
{
    readonly StreamWriter _writer = new(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
    readonly ConcurrentDictionary<string, FileLogger> _loggers = new();
    readonly Lock _gate = new();

    public string Path { get; } = path;

    public ILogger CreateLogger(string categoryName) => _loggers.GetOrAdd(categoryName, name => new FileLogger(this, name));

    void Write(string category, LogLevel level, string message, Exception? exception)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.UtcNow:O} {level,-11} {category}: {message}");
        lock (_gate)
        {
            _writer.WriteLine(line);
            if (exception is not null) _writer.WriteLine(exception);
        }
    }

    public void Dispose()
    {
        lock (_gate) _writer.Dispose();
    }

    sealed class FileLogger(FileLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) provider.Write(category, logLevel, formatter(state, exception), exception);
        }
    }
}
