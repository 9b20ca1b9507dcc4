using Microsoft.Extensions.Options;
using Payments.Contracts.Shared;
using Payments.Persistence.Audit;

namespace Payments.ZnodeService.Intake;

/// <summary>
/// The audit trail's <c>intake</c> entry of what this service took in from Znode (an order, an approved return, a changed account): the
/// first line of that payment's or customer's story, before any write it causes. Recorded once per <c>entryKey</c>.
/// </summary>
public sealed class IntakeAuditing(IAuditTrail audit, IOptions<AuditOptions> options, TimeProvider time)
{
    /// <param name="cause">The correlation key of what was taken in; its conversation id names the writes that follow, where the publish set it.</param>
    /// <param name="entryKey">What makes this intake one entry (the cause, or the cause and a change's time when the same thing comes in again).</param>
    public Task RecordAsync(CorrelationKey cause, string entryKey, string flow, string step, string action, string request, string result, string references,
        CancellationToken cancellationToken)
    {
        var key = cause.ToString();
        return audit.RecordAsync(new AuditEntry
        {
            Id = AuditIds.IntakeEntryOf(entryKey),
            At = time.GetUtcNow(),
            Service = options.Value.Service ?? "znode-service",
            System = AuditSystems.Intake,
            Action = action,
            Flow = flow,
            Step = step,
            Subject = key,
            CausedBy = key,
            ConversationId = AuditIds.ConversationOf(key),
            Request = AuditEssentials.Cut(request),
            Outcome = AuditOutcomes.Succeeded,
            Result = AuditEssentials.Cut(result),
            References = references,
        }, cancellationToken);
    }
}
