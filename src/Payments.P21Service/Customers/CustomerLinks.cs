using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Payments.Contracts.CustomerSync;
using Payments.P21Service.Data;
using Payments.Persistence.Concurrency;

namespace Payments.P21Service.Customers;

/// <summary>
/// This service's copy of the customer links (<see cref="CustomerLink"/>), in the consume's own <see cref="P21ServiceDbContext"/>: what is
/// changed here is saved with the consumer's inbox/outbox commit, so a link and the messages it leads to are written together.
/// </summary>
public sealed class CustomerLinks(P21ServiceDbContext db, TimeProvider time)
{
    public async Task<CustomerLink?> FindAsync(string? stripeCustomerId, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(stripeCustomerId)
            ? null
            : db.CustomerLinks.Local.FirstOrDefault(l => l.StripeCustomerId == stripeCustomerId)
              ?? await db.CustomerLinks.FirstOrDefaultAsync(l => l.StripeCustomerId == stripeCustomerId, cancellationToken);

    /// <summary>The P21 customer of a linked Stripe customer (not unlinked); null when there is none.</summary>
    public async Task<long?> LinkedP21CustomerAsync(string? stripeCustomerId, CancellationToken cancellationToken) =>
        await FindAsync(stripeCustomerId, cancellationToken) is { Unlinked: false, P21CustomerId: { } id } ? id : null;

    /// <summary>Takes the link record's change when it is newer than the copy; false when the copy is as new or newer (an older message).</summary>
    public async Task<bool> ApplyAsync(CustomerLinkChanged change, CancellationToken cancellationToken)
    {
        var link = await FindOrAddAsync(change.StripeCustomerId, cancellationToken);
        if (link.Version >= change.Version) return false;
        link.P21CustomerId = change.P21CustomerId;
        link.ZnodeUserId = change.ZnodeUserId;
        link.Unlinked = change.Unlinked;
        link.Version = change.Version;
        link.ChangedAt = change.ChangedAt.UtcDateTime;
        return true;
    }

    /// <summary>
    /// Records a P21 customer this service found or created for a Stripe customer whose copy names none yet, so the next command finds it at
    /// once. The link record's version is left alone: the saga's <c>CustomerLinkChanged</c> still replaces the copy.
    /// </summary>
    public async Task RememberP21CustomerAsync(string stripeCustomerId, long customerId, CancellationToken cancellationToken)
    {
        var link = await FindOrAddAsync(stripeCustomerId, cancellationToken);
        if (link.P21CustomerId is not null && !link.Unlinked) return;
        link.P21CustomerId = customerId;
        link.Unlinked = false;
        link.ChangedAt = time.GetUtcNow().UtcDateTime;
    }

    /// <summary>
    /// The copy of <paramref name="stripeCustomerId"/>'s link, a new one (version 0, no ids) stored at once when there is none: called
    /// before P21 is, so two consumers adding the same customer's copy collide before the call, not at commit after it (see <see cref="RowClaims"/>).
    /// </summary>
    public async Task<CustomerLink> FindOrAddAsync(string stripeCustomerId, CancellationToken cancellationToken) =>
        await FindAsync(stripeCustomerId, cancellationToken)
        ?? await db.AddAndStoreAsync(new CustomerLink { StripeCustomerId = stripeCustomerId, ChangedAt = time.GetUtcNow().UtcDateTime }, cancellationToken);

    public static Dictionary<string, long> Revisions(CustomerLink link) =>
        JsonSerializer.Deserialize<Dictionary<string, long>>(string.IsNullOrWhiteSpace(link.FieldRevisions) ? "{}" : link.FieldRevisions)
        ?? new Dictionary<string, long>();

    public static void SetRevisions(CustomerLink link, IReadOnlyDictionary<string, long> revisions) =>
        link.FieldRevisions = JsonSerializer.Serialize(revisions.OrderBy(r => r.Key, StringComparer.Ordinal).ToDictionary(r => r.Key, r => r.Value));
}
