using Microsoft.EntityFrameworkCore;

namespace Payments.Persistence.Outbox;

/// <summary>
/// Found as a payload on a consume context whose DbContext transaction is already open and owned by the outbox:
/// the saga repository then writes in that transaction instead of starting its own.
/// </summary>
interface DbTransactionContext
{
    Guid TransactionId { get; }

    /// <summary>The DbContext whose transaction is open; the saga repository writes through this same instance.</summary>
    DbContext DbContext { get; }
}
