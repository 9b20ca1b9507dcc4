using MassTransit;
using MassTransit.Configuration;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Payments.Persistence.Outbox;

namespace Payments.Persistence.Sagas;

public static class SagaRepositoryRegistrationExtensions
{
    /// <summary>
    /// Stores the saga in <typeparamref name="TContext"/> (whose model adds the saga's <see cref="SagaClassMap{TSaga}"/>):
    /// <c>bus.AddSagaStateMachine&lt;TMachine, TState&gt;().PaymentsEfRepository&lt;TState, TContext&gt;();</c>
    /// Use it with the outbox on the saga's endpoint so what the saga publishes commits with its state.
    /// </summary>
    public static ISagaRegistrationConfigurator<TSaga> PaymentsEfRepository<TSaga, TContext>(this ISagaRegistrationConfigurator<TSaga> configurator)
        where TSaga : class, ISaga
        where TContext : DbContext
    {
        configurator.Repository(repository =>
        {
            repository.AddOptions<OutboxOptions<TContext>>();
            repository.RegisterSagaRepository<TSaga, DbContext, SagaConsumeContextFactory<DbContext, TSaga>,
                DbContextSagaRepositoryContextFactory<TSaga, TContext>>();
            repository.RegisterQuerySagaRepository<TSaga, DbContextSagaRepositoryContextFactory<TSaga, TContext>>();
            repository.RegisterLoadSagaRepository<TSaga, DbContextSagaRepositoryContextFactory<TSaga, TContext>>();
        });
        return configurator;
    }
}
