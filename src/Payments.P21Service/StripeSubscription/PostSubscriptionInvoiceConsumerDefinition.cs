using MassTransit;
using Payments.Contracts.StripeSubscription;
using Payments.P21Service.Admission;
using Payments.P21Service.Data;
using Payments.Persistence.Outbox;

namespace Payments.P21Service.StripeSubscription;

/// <summary>
/// <c>SubscriptionInvoicePosted</c> leaves only after the inbox commit; a handler that dies after P21 took the document runs again and finds it
/// by the invoice's reference. One command per subscription at a time in this process, so two deliveries cannot both miss the look-up.
/// </summary>
public sealed class PostSubscriptionInvoiceConsumerDefinition : ConsumerDefinition<PostSubscriptionInvoiceConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<PostSubscriptionInvoiceConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.UsePaymentsOutbox<P21ServiceDbContext>(context);
        // It calls P21: no more taken from the broker and worked on at once than P21 can serve (Admission/P21Admission).
        endpointConfigurator.UseP21Admission(context);
        consumerConfigurator.Message<PostSubscriptionInvoice>(message => message.UsePartitioner(16, c => c.Message.CorrelationId));
    }
}
