using Microsoft.EntityFrameworkCore;
using Payments.Gateway.Data;
using Payments.Persistence.Concurrency;
using Payments.Persistence.Diagnostics;

namespace Payments.Gateway.Sweep;

/// <summary>
/// One row per job: the replica named in it runs the job until its lease expires. Taking it is one conditional <c>UPDATE</c> (it is
/// mine, or it expired), so two replicas never both succeed; the first replica ever inserts the row, and a second insert fails on
/// the key (as the Znode pollers' leases, src/Payments.ZnodeService/Intake/PollerLeases.cs).
/// </summary>
public static class IngestLeases
{
    /// <summary>True when <paramref name="holder"/> holds the lease now (taken, kept or renewed until <paramref name="now"/> + <paramref name="duration"/>).</summary>
    public static async Task<bool> TryHoldAsync(GatewayDbContext db, string name, string holder, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken)
    {
        if (await RenewAsync(db, name, holder, now, duration, takeExpired: true, cancellationToken)) return true;
        if (await db.IngestLeases.AnyAsync(l => l.Name == name, cancellationToken)) return false;
        db.IngestLeases.Add(new IngestLease { Name = name, Holder = holder, ExpiresAt = now + duration });
        try
        {
            using (ExpectedDatabaseErrors.UniqueViolations())
                await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException e) when (ConcurrencyConflicts.IsUniqueViolation(e))
        {
            return false; // another replica inserted it first
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Extends the lease if <paramref name="holder"/> still has it (or, with <paramref name="takeExpired"/>, if it ran out).</summary>
    public static async Task<bool> RenewAsync(GatewayDbContext db, string name, string holder, DateTimeOffset now, TimeSpan duration, bool takeExpired,
        CancellationToken cancellationToken)
    {
        var until = now + duration;
        var rows = await db.IngestLeases
            .Where(l => l.Name == name && (l.Holder == holder || (takeExpired && l.ExpiresAt < now)))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresAt, until), cancellationToken);
        return rows == 1;
    }

    /// <summary>Gives the lease up (a clean stop), so another replica need not wait for it to expire.</summary>
    public static Task ReleaseAsync(GatewayDbContext db, string name, string holder, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.IngestLeases.Where(l => l.Name == name && l.Holder == holder)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, now), cancellationToken);
}
