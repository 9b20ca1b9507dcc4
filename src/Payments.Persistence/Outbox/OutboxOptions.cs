using System.Data;
using Microsoft.EntityFrameworkCore;

namespace Payments.Persistence.Outbox;

/// <summary>Transaction settings of the consumer inbox/outbox and the bus outbox of one DbContext.</summary>
public sealed class OutboxOptions<TContext>
    where TContext : DbContext
{
    /// <summary>
    /// ReadCommitted is enough: the inbox and outbox rows are locked explicitly and sagas carry a version column.
    /// SQLite always runs serializable (BEGIN IMMEDIATE).
    /// </summary>
    public IsolationLevel IsolationLevel { get; set; } = IsolationLevel.ReadCommitted;

    /// <summary>How often one message's unit of work is run again after losing a race to a concurrent transaction.</summary>
    public int MaxConflictAttempts { get; set; } = 10;
}
