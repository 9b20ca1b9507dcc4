using MassTransit;
using Microsoft.EntityFrameworkCore;
using Payments.Persistence.Outbox;

namespace Payments.Persistence.Sagas;

/// <summary>
/// Refuses, when the bus is built, an endpoint that hosts <typeparamref name="TSaga"/> on the EF repository without
/// <see cref="OutboxConfigurationExtensions.UsePaymentsOutbox{TContext}"/> of the same <typeparamref name="TContext"/>.
/// Without the outbox, what a saga publishes reaches the broker before its state commits; an attempt that then loses a
/// concurrency race (two copies of an initiating event, two events for one instance) has already published, and any
/// retry, in-process or by redelivery, publishes again under a new MessageId. Only the outbox keeps a losing attempt's
/// messages with its rolled-back transaction, so the repository does not run without it.
/// </summary>
sealed class SagaOutboxRequirement<TSaga, TContext> : IConfigureReceiveEndpoint
    where TSaga : class, ISaga
    where TContext : DbContext
{
    // Called for every endpoint before its consumers and sagas are configured; the check itself runs when the saga's
    // configuration is validated, after the saga's definition and the endpoint callbacks have had their say.
    public void Configure(string name, IReceiveEndpointConfigurator configurator) =>
        configurator.ConnectSagaConfigurationObserver(new Check(name, configurator));

    public static string Refusal(string endpoint) =>
        $"The saga {typeof(TSaga).Name} on endpoint '{endpoint}' is stored with PaymentsEfRepository<{typeof(TSaga).Name}, {typeof(TContext).Name}>, "
        + $"which needs the consumer outbox of {typeof(TContext).Name} on that endpoint: call endpoint.UsePaymentsOutbox<{typeof(TContext).Name}>(context) "
        + "in the saga's definition (or in AddConfigureEndpointsCallback). Without it a saga that loses a concurrency race has already "
        + "published, and its retry publishes again.";

    sealed class Check(string endpoint, IReceiveEndpointConfigurator configurator) : ISagaConfigurationObserver
    {
        public void SagaConfigured<T>(ISagaConfigurator<T> sagaConfigurator)
            where T : class, ISaga
        {
            if (typeof(T) == typeof(TSaga) && !OutboxEndpoints.Uses(configurator, typeof(TContext)))
                throw new ConfigurationException(Refusal(endpoint));
        }

        public void StateMachineSagaConfigured<TInstance>(ISagaConfigurator<TInstance> sagaConfigurator, SagaStateMachine<TInstance> stateMachine)
            where TInstance : class, ISaga, SagaStateMachineInstance
        {
        }

        public void SagaMessageConfigured<T, TMessage>(ISagaMessageConfigurator<T, TMessage> sagaConfigurator)
            where T : class, ISaga
            where TMessage : class
        {
        }
    }
}
