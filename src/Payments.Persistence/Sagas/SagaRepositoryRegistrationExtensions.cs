using MassTransit;
using MassTransit.Configuration;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Payments.Persistence.Outbox;

namespace Payments.Persistence.Sagas;

public static class SagaRepositoryRegistrationExtensions
{
    /// <summary>
    /// Stores the saga in <typeparamref name="TContext"/> (whose model adds the saga's <see cref="SagaClassMap{TSaga}"/>):
    /// <c>bus.AddSagaStateMachine&lt;TMachine, TState&gt;().PaymentsEfRepository&lt;TState, TContext&gt;();</c>
    /// The saga's endpoint must use the consumer outbox of the same context
    /// (<see cref="OutboxConfigurationExtensions.UsePaymentsOutbox{TContext}"/>, e.g. in the saga's definition), so what the saga
    /// publishes commits with its state and a concurrency retry publishes nothing twice; the bus refuses to start otherwise.
    /// </summary>
    public static ISagaRegistrationConfigurator<TSaga> PaymentsEfRepository<TSaga, TContext>(this ISagaRegistrationConfigurator<TSaga> configurator)
        where TSaga : class, ISaga
        where TContext : DbContext
    {
        configurator.Repository(repository =>
        {
            repository.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureReceiveEndpoint, SagaOutboxRequirement<TSaga, TContext>>());
            repository.RegisterSagaRepository<TSaga, DbContext, SagaConsumeContextFactory<DbContext, TSaga>,
                DbContextSagaRepositoryContextFactory<TSaga, TContext>>();
            repository.RegisterQuerySagaRepository<TSaga, DbContextSagaRepositoryContextFactory<TSaga, TContext>>();
            repository.RegisterLoadSagaRepository<TSaga, DbContextSagaRepositoryContextFactory<TSaga, TContext>>();
        });
        return configurator;
    }
}
