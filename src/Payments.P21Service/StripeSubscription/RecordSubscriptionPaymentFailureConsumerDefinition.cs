using MassTransit;
using Payments.Contracts.StripeSubscription;
using Payments.P21Service.Admission;
using Payments.P21Service.Data;
using Payments.Persistence.Outbox;

namespace Payments.P21Service.StripeSubscription;

/// <summary>Behind the inbox/outbox; one command per subscription at a time, so two deliveries cannot both miss the note look-up.</summary>
public sealed class RecordSubscriptionPaymentFailureConsumerDefinition : ConsumerDefinition<RecordSubscriptionPaymentFailureConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<RecordSubscriptionPaymentFailureConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.UsePaymentsOutbox<P21ServiceDbContext>(context);
        // It calls P21: no more taken from the broker and worked on at once than P21 can serve (Admission/P21Admission).
        endpointConfigurator.UseP21Admission(context);
        consumerConfigurator.Message<RecordSubscriptionPaymentFailure>(message => message.UsePartitioner(16, c => c.Message.CorrelationId));
    }
}
