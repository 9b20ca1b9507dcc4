using MassTransit;
using Payments.Contracts.ZnodeOrderToCash;
using Payments.P21Service.Admission;
using Payments.P21Service.Data;
using Payments.Persistence.Outbox;

namespace Payments.P21Service.ZnodeOrderToCash;

/// <summary>Retries come from the shared policy; the entry's reference, looked up before posting, makes every retry safe.</summary>
public sealed class PostZnodeOrderJournalConsumerDefinition : ConsumerDefinition<PostZnodeOrderJournalConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<PostZnodeOrderJournalConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        // ZnodeOrderJournalPosted leaves only after the commit that marks the command handled; a redelivered MessageId is not handled again.
        endpointConfigurator.UsePaymentsOutbox<P21ServiceDbContext>(context);
        // It calls P21: no more taken from the broker and worked on at once than P21 can serve (Admission/P21Admission).
        endpointConfigurator.UseP21Admission(context);
        // Two deliveries for one order must not both miss the look-up and post twice: one at a time per order in this process.
        consumerConfigurator.Message<PostZnodeOrderJournal>(message => message.UsePartitioner(16, c => c.Message.CorrelationId));
    }
}
