using Payments.Domain.Mappings;
using Payments.ServiceDefaults.Failures;
using Payments.ZnodeService.Client;

namespace Payments.ZnodeService.Mappings;

/// <summary>Znode's three state tables through the service's own client (its authentication, time-outs and rate limit).</summary>
public sealed class ZnodeApiStateLookup(ZnodeClient znode) : IZnodeStateLookup
{
    public async Task<ZnodeStateTables> ReadStatesAsync(CancellationToken cancellationToken)
    {
        try
        {
            var orders = await znode.ListOrderStatesAsync(cancellationToken);
            var payments = await znode.ListPaymentStatesAsync(cancellationToken);
            var returns = await znode.ListReturnStatesAsync(cancellationToken);
            return new ZnodeStateTables(
                [.. orders.Where(s => s.IsOrderState).Select(s => s.OrderStateName).OfType<string>()],
                [.. payments.Select(s => s.Name).OfType<string>()],
                [.. returns.Select(s => s.ReturnStateName).OfType<string>()]);
        }
        catch (Exception e) when (e is TransientFailureException or PermanentFailureException)
        {
            throw new ZnodeUnreachableException(e.Message, e);
        }
    }
}
