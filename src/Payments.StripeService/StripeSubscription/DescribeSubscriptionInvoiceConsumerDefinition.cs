using MassTransit;
using Payments.Contracts.StripeSubscription;
using Payments.Persistence.Outbox;
using Payments.StripeService.Data;

namespace Payments.StripeService.StripeSubscription;

/// <summary>Reads only: retries from the shared policy; the answer leaves through the inbox/outbox after the commit.</summary>
public sealed class DescribeSubscriptionInvoiceConsumerDefinition : ConsumerDefinition<DescribeSubscriptionInvoiceConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<DescribeSubscriptionInvoiceConsumer> consumerConfigurator, IRegistrationContext context) =>
        endpointConfigurator.UsePaymentsOutbox<StripeServiceDbContext>(context);
}
