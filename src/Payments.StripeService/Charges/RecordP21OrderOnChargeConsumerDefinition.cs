using MassTransit;
using Payments.ServiceDefaults.Failures;

namespace Payments.StripeService.Charges;

public sealed class RecordP21OrderOnChargeConsumerDefinition : ConsumerDefinition<RecordP21OrderOnChargeConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<RecordP21OrderOnChargeConsumer> consumerConfigurator, IRegistrationContext context)
    {
        // Stripe refusals go to _error at once with their reason; outages are retried with back-off, and the
        // deterministic idempotency key makes each retry safe.
        endpointConfigurator.UseMessageRetry(retry =>
        {
            retry.Ignore<PermanentFailureException>();
            retry.Exponential(5, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(3));
        });
        // The "recorded" event leaves only when the consume succeeded.
        endpointConfigurator.UseInMemoryOutbox(context);
    }
}
