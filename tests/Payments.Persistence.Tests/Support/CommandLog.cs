using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Payments.Persistence.Tests.Support;

/// <summary>One command a DbContext ran: its text, its parameters' values and, for a non-query, the rows it changed.</summary>
public sealed record LoggedCommand(string Text, IReadOnlyList<(string Name, object? Value)> Parameters, int? RowsAffected);

/// <summary>An EF Core interceptor that keeps every command its contexts run, so a test can ask the database how it runs them.</summary>
public sealed class CommandLog : DbCommandInterceptor
{
    readonly ConcurrentQueue<LoggedCommand> _commands = new();

    public IReadOnlyList<LoggedCommand> Commands => _commands.ToArray();

    public void Clear() => _commands.Clear();

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        Keep(command, result);
        return base.NonQueryExecutedAsync(command, eventData, result, cancellationToken);
    }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Keep(command, result);
        return base.NonQueryExecuted(command, eventData, result);
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result,
        CancellationToken cancellationToken = default)
    {
        Keep(command, null);
        return base.ReaderExecutedAsync(command, eventData, result, cancellationToken);
    }

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Keep(command, null);
        return base.ReaderExecuted(command, eventData, result);
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result,
        CancellationToken cancellationToken = default)
    {
        Keep(command, null);
        return base.ScalarExecutedAsync(command, eventData, result, cancellationToken);
    }

    void Keep(DbCommand command, int? rows) =>
        _commands.Enqueue(new LoggedCommand(command.CommandText,
            command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value)).ToList(), rows));
}
