using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Payments.ServiceDefaults.Failures;
using Payments.ZnodeService.Client;

namespace Payments.ZnodeService.Returns;

/// <summary>
/// Znode returns as the flows change them: the admin's state change (the same POST as the shopper's, with <c>IsAdminRequest</c>),
/// with a note, skipped when Znode already shows the return in that state, so a redelivered command changes nothing.
/// </summary>
public sealed class ZnodeReturns(ZnodeClient znode, IOptions<ZnodeReturnOptions> options, IMemoryCache cache, ILogger<ZnodeReturns> logger)
{
    ZnodeReturnOptions Settings => options.Value;

    /// <summary>
    /// Moves the return to <c>Znode:Returns:RefundProcessedState</c> with <paramref name="note"/>, unless it is there already. Returns
    /// the state as Znode's reads name it (<c>Refund Processed</c>). A missing return is a permanent failure.
    /// </summary>
    public async Task<string> MarkRefundProcessedAsync(string returnNumber, string note, CancellationToken cancellationToken)
    {
        var item = await znode.GetReturnAsync(returnNumber, cancellationToken)
            ?? throw new PermanentFailureException($"Znode has no return {returnNumber}: it answered 204 to rmareturn/getreturndetails/{returnNumber}.", ZnodeClient.SystemName);
        var state = await FindStateAsync(Settings.RefundProcessedState, cancellationToken);
        var name = ProperCase(state.ReturnStateName ?? Settings.RefundProcessedState);
        if (item.RmaReturnStateId == state.RmaReturnStateId)
        {
            logger.LogInformation("Znode return {ReturnNumber} is already {State}; not changed again", returnNumber, name);
            return name;
        }
        // [ValidateModel] asks for the order number, portal and user even on the admin's change: sent as read.
        var updated = await znode.UpdateReturnAsync(new ZnodeReturnModel
        {
            IsAdminRequest = true,
            ReturnNumber = item.ReturnNumber,
            OrderNumber = item.OrderNumber,
            PortalId = item.PortalId,
            UserId = item.UserId,
            RmaReturnStateId = state.RmaReturnStateId,
            Notes = note,
        }, cancellationToken);
        if (updated is not null && updated.RmaReturnStateId != state.RmaReturnStateId)
            throw new PermanentFailureException($"Znode kept return {returnNumber} in {updated.ReturnStatus} when asked to move it to {name}.", ZnodeClient.SystemName);
        logger.LogInformation("Znode return {ReturnNumber} moved from {From} to {To}", returnNumber, item.ReturnStatus, name);
        return name;
    }

    async Task<ZnodeReturnStateModel> FindStateAsync(string name, CancellationToken cancellationToken)
    {
        var states = await cache.GetOrCreateAsync("znode-return-states", async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Settings.StateTableCacheDuration;
            return await znode.ListReturnStatesAsync(cancellationToken);
        }) ?? [];
        return states.FirstOrDefault(s => string.Equals(s.ReturnStateName?.Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new PermanentFailureException(
                $"Znode has no return state '{name}' (it has {string.Join(", ", states.Select(s => s.ReturnStateName))}): check {ZnodeReturnOptions.Section}.", ZnodeClient.SystemName);
    }

    static string ProperCase(string name) => System.Globalization.CultureInfo.InvariantCulture.TextInfo.ToTitleCase(name.Trim().ToLowerInvariant());
}
