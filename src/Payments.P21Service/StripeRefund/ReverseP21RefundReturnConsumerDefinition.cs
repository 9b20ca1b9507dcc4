using MassTransit;
using Payments.Contracts.StripeRefund;
using Payments.P21Service.Admission;
using Payments.P21Service.Data;
using Payments.Persistence.Outbox;

namespace Payments.P21Service.StripeRefund;

/// <summary>Retries come from the shared policy; a cancelled RMA is seen as cancelled, and the reversing journal carries its own reference: every retry is safe.</summary>
public sealed class ReverseP21RefundReturnConsumerDefinition : ConsumerDefinition<ReverseP21RefundReturnConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<ReverseP21RefundReturnConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        // The answer leaves only after the commit that marks the command handled; a redelivered MessageId is not handled again.
        endpointConfigurator.UsePaymentsOutbox<P21ServiceDbContext>(context);
        // It calls P21: no more taken from the broker and worked on at once than P21 can serve (Admission/P21Admission).
        endpointConfigurator.UseP21Admission(context);
        // Two deliveries for one business key must not both miss the look-up and act twice: one at a time per key in this process.
        consumerConfigurator.Message<ReverseP21RefundReturn>(message => message.UsePartitioner(16, c => c.Message.CorrelationId));
    }
}
