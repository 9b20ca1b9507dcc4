using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Payments.Persistence.Diagnostics;

/// <summary>
/// The logger factory inside EF Core's own service provider (installed with <c>ReplaceService</c> by
/// <c>UsePaymentsProvider</c>): the application's logger factory, as EF Core would pick it, whose loggers let an
/// <see cref="ExpectedDatabaseErrors"/> scope write EF Core's entries for an expected failure at Debug. Only EF Core's
/// loggers pass through here, so the application's other logging is untouched; replacing a service type (not an
/// instance) keeps one EF Core service provider for every host.
/// </summary>
public sealed class ExpectedErrorsLoggerFactory(IDbContextOptions options) : ILoggerFactory
{
    // As EF Core's ScopedLoggerFactory: the factory given to UseLoggerFactory, else the application's, else none.
    readonly ILoggerFactory _inner = options.FindExtension<CoreOptionsExtension>() is { } core
        ? core.LoggerFactory ?? core.ApplicationServiceProvider?.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance
        : NullLoggerFactory.Instance;

    public ILogger CreateLogger(string categoryName) => new ExpectedErrorsLogger(_inner.CreateLogger(categoryName));

    public void AddProvider(ILoggerProvider provider) => _inner.AddProvider(provider);

    /// <summary>The factory belongs to the application (or is the null factory): not ours to dispose.</summary>
    public void Dispose()
    {
    }

    sealed class ExpectedErrorsLogger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Warning && ExpectedDatabaseErrors.Open is { } scope)
            {
                if (exception is null && eventId.Id == RelationalEventId.CommandError.Id)
                {
                    // Which failure it was is known only from the failed-save entry that follows.
                    if (scope.Hold(level => Write(level ?? logLevel, eventId, state, exception, formatter)))
                        return;
                }
                else if (exception is not null && scope.Decide(exception))
                {
                    logLevel = LogLevel.Debug;
                }
            }
            Write(logLevel, eventId, state, exception, formatter);
        }

        void Write<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (inner.IsEnabled(logLevel))
                inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
