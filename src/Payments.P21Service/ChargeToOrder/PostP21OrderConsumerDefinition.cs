using MassTransit;
using Payments.Contracts.ChargeToOrder;
using Payments.P21Service.Admission;
using Payments.P21Service.Data;
using Payments.Persistence.Outbox;

namespace Payments.P21Service.ChargeToOrder;

/// <summary>
/// Retries come from the shared policy (AddPaymentsBus: permanent P21 refusals straight to _error, transient ones retried, never sooner
/// than P21's Retry-After); the charge id kept on the order makes every retry safe.
/// </summary>
public sealed class PostP21OrderConsumerDefinition : ConsumerDefinition<PostP21OrderConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<PostP21OrderConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        // P21OrderPosted leaves only after the commit that marks the command handled; a redelivered MessageId is not handled
        // again. A handler that dies after P21 took the order and before that commit runs again and finds the order by charge id.
        endpointConfigurator.UsePaymentsOutbox<P21ServiceDbContext>(context);
        // It calls P21: no more taken from the broker and worked on at once than P21 can serve (Admission/P21Admission).
        endpointConfigurator.UseP21Admission(context);
        // Two deliveries for the same payment must not both miss the reference look-up and create two orders: one at a time per
        // payment in this process. (Across replicas the saga sends one command at a time; the look-up covers redeliveries.)
        consumerConfigurator.Message<PostP21Order>(message => message.UsePartitioner(16, c => c.Message.CorrelationId));
    }
}
