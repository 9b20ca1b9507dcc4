using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Payments.Testing;

/// <summary>One log entry as a provider received it.</summary>
public sealed record CapturedLogEntry(string Category, LogLevel Level, EventId EventId, string Message, Exception? Exception)
{
    public override string ToString() =>
        $"{Level} {Category}[{EventId.Id} {EventId.Name}]: {Message}{(Exception is null ? "" : $" ({Exception.GetType().Name}: {Exception.Message})")}";
}

/// <summary>
/// A logger provider that keeps every entry at or above <see cref="MinimumLevel"/> (Information by default), for tests that
/// assert what a path logs: <c>builder.Logging.AddProvider(logs)</c>, then read <see cref="AtLeast"/>.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider
{
    readonly ConcurrentQueue<CapturedLogEntry> _entries = new();

    public LogLevel MinimumLevel { get; init; } = LogLevel.Information;

    public IReadOnlyList<CapturedLogEntry> Entries => _entries.ToArray();

    /// <summary>The entries at <paramref name="level"/> or above.</summary>
    public IReadOnlyList<CapturedLogEntry> AtLeast(LogLevel level) => _entries.Where(e => e.Level >= level).ToList();

    public void Clear() => _entries.Clear();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= owner.MinimumLevel;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
                owner._entries.Enqueue(new CapturedLogEntry(category, logLevel, eventId, formatter(state, exception), exception));
        }
    }
}
