using MassTransit;
using Payments.Contracts.StripeDispute;
using Payments.P21Service.Admission;
using Payments.P21Service.Data;
using Payments.Persistence.Outbox;

namespace Payments.P21Service.StripeDispute;

/// <summary>Retries come from the shared policy; the balance transaction id is the entry's reference, looked up before posting.</summary>
public sealed class PostDisputeJournalConsumerDefinition : ConsumerDefinition<PostDisputeJournalConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<PostDisputeJournalConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        // The answer leaves only after the commit that marks the command handled; a redelivered MessageId is not handled again.
        endpointConfigurator.UsePaymentsOutbox<P21ServiceDbContext>(context);
        // It calls P21: no more taken from the broker and worked on at once than P21 can serve (Admission/P21Admission).
        endpointConfigurator.UseP21Admission(context);
        // Two deliveries for one business key must not both miss the look-up and act twice: one at a time per key in this process.
        consumerConfigurator.Message<PostDisputeJournal>(message => message.UsePartitioner(16, c => c.Message.CorrelationId));
    }
}
