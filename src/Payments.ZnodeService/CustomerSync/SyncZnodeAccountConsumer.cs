using MassTransit;
using Microsoft.Extensions.Options;
using Payments.Contracts.CustomerSync;
using Payments.Persistence.Concurrency;
using Payments.ZnodeService.Client;
using Payments.ZnodeService.Data;
using Payments.ZnodeService.Intake;

namespace Payments.ZnodeService.CustomerSync;

/// <summary>
/// Brings a Znode account in step with the customer record. The account is the command's user, else the linked one (this service's
/// <see cref="CustomerLink"/> copy), else the one user with the customer's e-mail; none (or several with that e-mail: a person links
/// them) answers with no user id. Of the given fields it writes those Znode keeps whose stored revision is not higher than the
/// command's (<see cref="CustomerLinks"/>), lists the others as skipped, and stores the revisions in the commit that sends
/// <see cref="ZnodeAccountSynced"/>, which carries the written fields as Znode holds them and the account's modified date after the write. Znode accounts are never created or deleted here.
/// </summary>
public sealed class SyncZnodeAccountConsumer(ZnodeAccounts accounts, ZnodeServiceDbContext db, TimeProvider time, IOptions<ZnodeOptions> znode,
    ILogger<SyncZnodeAccountConsumer> logger)
    : IConsumer<SyncZnodeAccount>
{
    public const string ByLink = "link";
    public const string ByEmail = "email";
    public const string ByNone = "none";

    public async Task Consume(ConsumeContext<SyncZnodeAccount> context)
    {
        var command = context.Message;
        var cancellationToken = context.CancellationToken;
        var link = await db.CustomerLinks.FindAsync([command.StripeCustomerId], cancellationToken);
        var (account, matchedBy) = await FindAsync(command, link, cancellationToken);
        if (account is null)
        {
            await context.Publish(new ZnodeAccountSynced
            {
                CorrelationId = command.CorrelationId, StripeCustomerId = command.StripeCustomerId, ZnodeUserId = null, MatchedBy = ByNone,
                Revision = command.Revision,
            }, cancellationToken);
            return;
        }

        var stored = link?.Revisions() ?? [];
        var kept = command.Fields.Where(f => ZnodeAccount.KeptFields.Contains(f.Key)).ToList();
        var write = kept.Where(f => !stored.TryGetValue(f.Key, out var at) || at <= command.Revision).ToDictionary(f => f.Key, f => f.Value);
        var skipped = kept.Where(f => !write.ContainsKey(f.Key)).Select(f => f.Key).ToList();
        if (skipped.Count > 0)
            logger.LogInformation("Znode account {UserId} of {StripeCustomerId}: {Fields} not written at revision {Revision} (written at a higher one already)",
                account.User.UserId, command.StripeCustomerId, string.Join(", ", skipped), command.Revision);

        // No copy of the link has arrived yet: keep the revisions (and the account found) until CustomerLinkChanged brings the link. Stored
        // before Znode is written, so a link copy inserted at the same moment collides here and not after the write.
        link ??= await db.AddAndStoreAsync(
            new CustomerLink { StripeCustomerId = command.StripeCustomerId, ZnodeUserId = account.User.UserId, ChangedAt = time.GetUtcNow() }, cancellationToken);
        var changed = write.Count > 0 && await accounts.WriteAsync(account, write, cancellationToken);
        link.Wrote(write.Keys, command.Revision);
        logger.LogDebug("Znode account {UserId} of {StripeCustomerId} ({MatchedBy}) at revision {Revision}: {Written} {Outcome}", account.User.UserId,
            command.StripeCustomerId, matchedBy, command.Revision, string.Join(", ", write.Keys), changed ? "written" : "already in step");

        // What Znode holds now, stamped as the account poller will stamp it, so the saga knows this write when the poller reads it back.
        var after = changed ? await accounts.ReadAsync(account.User.UserId, cancellationToken) ?? account : account;
        await context.Publish(new ZnodeAccountSynced
        {
            CorrelationId = command.CorrelationId, StripeCustomerId = command.StripeCustomerId, ZnodeUserId = account.User.UserId, MatchedBy = matchedBy,
            Revision = command.Revision, FieldsWritten = [.. write.Keys], FieldsSkipped = skipped,
            Fields = AsWritten(after, write),
            ModifiedAt = ZnodeTime.ToOffset(after.User.ModifiedDate, TimeZoneInfo.FindSystemTimeZoneById(znode.Value.TimeZone)).ToUniversalTime(),
        }, cancellationToken);
    }

    /// <summary>
    /// The written fields Znode holds as written. One that reads back otherwise was changed in Znode between the write and the read: it is left
    /// out, so the poller's report of that change stays news.
    /// </summary>
    static Dictionary<string, string?> AsWritten(ZnodeAccount after, IReadOnlyDictionary<string, string?> written)
    {
        var holds = after.Fields();
        return written.Where(f => holds.TryGetValue(f.Key, out var value) && string.Equals(value, ZnodeAccount.Clean(f.Value), StringComparison.Ordinal))
            .ToDictionary(f => f.Key, f => holds[f.Key]);
    }

    async Task<(ZnodeAccount? Account, string MatchedBy)> FindAsync(SyncZnodeAccount command, CustomerLink? link, CancellationToken cancellationToken)
    {
        var linked = command.ZnodeUserId ?? (link is { Unlinked: false } ? link.ZnodeUserId : null);
        if (linked is { } userId)
        {
            if (await accounts.ReadAsync(userId, cancellationToken) is { } account) return (account, ByLink);
            logger.LogWarning("Znode has no user {UserId}, linked to {StripeCustomerId}; looking the customer up by e-mail", userId, command.StripeCustomerId);
        }
        var email = ZnodeAccount.Clean(command.Fields.GetValueOrDefault(CustomerFieldNames.Email) ?? command.Record.GetValueOrDefault(CustomerFieldNames.Email));
        if (email is null) return (null, ByNone);
        var users = await accounts.FindByEmailAsync(email, cancellationToken);
        if (users.Count == 1 && await accounts.ReadAsync(users[0].UserId, cancellationToken) is { } found) return (found, ByEmail);
        if (users.Count > 1)
            logger.LogInformation("{Count} Znode users ({UserIds}) have the e-mail of {StripeCustomerId}: none is linked by itself (payments customers suggest-links)",
                users.Count, string.Join(", ", users.Select(u => u.UserId)), command.StripeCustomerId);
        return (null, ByNone);
    }
}
