using MassTransit;
using Payments.Contracts.CustomerSync;
using Payments.P21Service.Admission;
using Payments.P21Service.Data;
using Payments.Persistence.Outbox;

namespace Payments.P21Service.CustomerSync;

/// <summary>
/// The field revisions this service wrote are saved in the same commit as the inbox row and <c>P21CustomerSynced</c>: a redelivered command is
/// not handled again, and a handler that dies after P21 took the change runs again, writes the same values and finds the customer by its link.
/// </summary>
public sealed class SyncP21CustomerConsumerDefinition : ConsumerDefinition<SyncP21CustomerConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<SyncP21CustomerConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.UsePaymentsOutbox<P21ServiceDbContext>(context);
        // It calls P21: no more taken from the broker and worked on at once than P21 can serve (Admission/P21Admission).
        endpointConfigurator.UseP21Admission(context);
        // One command per customer at a time in this process: two must not both miss the e-mail look-up and create two customers.
        consumerConfigurator.Message<SyncP21Customer>(message => message.UsePartitioner(16, c => c.Message.CorrelationId));
    }
}
