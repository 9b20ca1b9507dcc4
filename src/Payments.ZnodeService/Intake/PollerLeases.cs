using Microsoft.EntityFrameworkCore;
using Payments.Persistence.Concurrency;
using Payments.Persistence.Diagnostics;
using Payments.ZnodeService.Data;

namespace Payments.ZnodeService.Intake;

/// <summary>
/// One row per poller: the replica named in it polls until its lease expires. Taking it is one conditional <c>UPDATE</c> (it is
/// mine, or it expired), so two replicas never both succeed; the first replica ever inserts the row, and a second insert fails on
/// the key. A holder renews the lease with the same statement inside each round's transaction: a replica that was paused past its
/// lease (and replaced) finds zero rows updated there, and its round commits nothing.
/// </summary>
public static class PollerLeases
{
    /// <summary>True when <paramref name="holder"/> holds the lease now (taken, kept or renewed until <paramref name="now"/> + <paramref name="duration"/>).</summary>
    public static async Task<bool> TryHoldAsync(ZnodeServiceDbContext db, string name, string holder, DateTime now, TimeSpan duration, CancellationToken cancellationToken)
    {
        if (await RenewAsync(db, name, holder, now, duration, takeExpired: true, cancellationToken)) return true;
        if (await db.PollerLeases.AnyAsync(l => l.Name == name, cancellationToken)) return false;
        db.PollerLeases.Add(new PollerLease { Name = name, Holder = holder, ExpiresAtUtc = now + duration });
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
    public static async Task<bool> RenewAsync(ZnodeServiceDbContext db, string name, string holder, DateTime now, TimeSpan duration, bool takeExpired,
        CancellationToken cancellationToken)
    {
        var until = now + duration;
        var rows = await db.PollerLeases
            .Where(l => l.Name == name && (l.Holder == holder || (takeExpired && l.ExpiresAtUtc < now)))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresAtUtc, until), cancellationToken);
        return rows == 1;
    }

    /// <summary>Gives the lease up (a clean stop), so another replica need not wait for it to expire.</summary>
    public static Task ReleaseAsync(ZnodeServiceDbContext db, string name, string holder, DateTime now, CancellationToken cancellationToken) =>
        db.PollerLeases.Where(l => l.Name == name && l.Holder == holder)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAtUtc, now), cancellationToken);
}
