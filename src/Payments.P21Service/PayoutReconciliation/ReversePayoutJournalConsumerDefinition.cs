using MassTransit;
using Payments.Contracts.PayoutReconciliation;
using Payments.P21Service.Admission;
using Payments.P21Service.Data;
using Payments.Persistence.Outbox;

namespace Payments.P21Service.PayoutReconciliation;

/// <summary>Retries come from the shared policy; the reversal's reference (<c>payout-reversal:{id}</c>), looked up before posting, makes every retry safe.</summary>
public sealed class ReversePayoutJournalConsumerDefinition : ConsumerDefinition<ReversePayoutJournalConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<ReversePayoutJournalConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        // PayoutJournalReversed leaves only after the commit that marks the command handled; a redelivered MessageId is not handled again.
        endpointConfigurator.UsePaymentsOutbox<P21ServiceDbContext>(context);
        // It calls P21: no more taken from the broker and worked on at once than P21 can serve (Admission/P21Admission).
        endpointConfigurator.UseP21Admission(context);
        // Two deliveries for one payout must not both miss the look-up and reverse twice: one at a time per payout in this process.
        consumerConfigurator.Message<ReversePayoutJournal>(message => message.UsePartitioner(16, c => c.Message.CorrelationId));
    }
}
