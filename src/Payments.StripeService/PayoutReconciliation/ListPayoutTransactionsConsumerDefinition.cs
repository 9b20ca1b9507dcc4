using MassTransit;
using Payments.Contracts.PayoutReconciliation;
using Payments.Persistence.Outbox;
using Payments.StripeService.Data;

namespace Payments.StripeService.PayoutReconciliation;

/// <summary>
/// Retries come from the shared policy (a Stripe outage is transient, Stripe's refusals and contradictory figures are permanent). The
/// answer leaves through the inbox/outbox after the commit that marks the command handled; the pages are not in that transaction
/// (<see cref="PayoutListingStore"/>), so a retry resumes from the last page kept.
/// </summary>
public sealed class ListPayoutTransactionsConsumerDefinition : ConsumerDefinition<ListPayoutTransactionsConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<ListPayoutTransactionsConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.UsePaymentsOutbox<StripeServiceDbContext>(context);
        // Two commands for one payout in this process run one after the other, so the second finds where the first got.
        consumerConfigurator.Message<ListPayoutTransactions>(message => message.UsePartitioner(16, c => c.Message.CorrelationId));
    }
}
