using MassTransit;
using Payments.ServiceDefaults.Failures;

namespace Payments.P21Service.Consumers;

/// <summary>
/// Retries transient P21 failures with growing intervals and sends permanent ones straight to the error queue. The in-memory outbox
/// holds <c>P21OrderPosted</c> until the consumer succeeded, so a failed attempt publishes nothing.
/// </summary>
public sealed class PostP21OrderConsumerDefinition : ConsumerDefinition<PostP21OrderConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<PostP21OrderConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(retry =>
        {
            retry.Ignore<PermanentFailureException>();
            retry.Exponential(6, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(3));
        });
        endpointConfigurator.UseInMemoryOutbox(context);
    }
}
