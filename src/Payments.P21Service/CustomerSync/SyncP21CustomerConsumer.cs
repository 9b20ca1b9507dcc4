using MassTransit;
using Payments.Contracts.CustomerSync;
using Payments.P21Service.Customers;

namespace Payments.P21Service.CustomerSync;

/// <summary>
/// The customer-sync flow's step in P21 (<see cref="P21CustomerSync"/>): the customer found or created, checked whole, written field by field
/// by revision and read back, answered with <c>P21CustomerSynced</c>. Bad data is a <c>PermanentFailureException</c> naming every problem:
/// the command waits in its fault queue (the saga quarantines the customer) until the data is fixed and it is redriven.
/// </summary>
public sealed class SyncP21CustomerConsumer(P21CustomerSync sync) : IConsumer<SyncP21Customer>
{
    public async Task Consume(ConsumeContext<SyncP21Customer> context) =>
        await context.Publish(await sync.SyncAsync(context.Message, context.CancellationToken), context.CancellationToken);
}
