using MassTransit;
using MassTransit.Saga;
using MassTransit.Transports;
using Microsoft.EntityFrameworkCore;
using Payments.Persistence.Outbox;

namespace Payments.Persistence.Sagas;

/// <summary>
/// MassTransit's saga repository asks this factory for a repository context per message. The saga always writes in the
/// transaction the consumer outbox opened for the message (<see cref="OutboxConfigurationExtensions.UsePaymentsOutbox{TContext}"/>),
/// and the outbox runs the whole message again from a fresh read when it loses a race: a concurrent update (version
/// check) or a concurrent insert of the same CorrelationId (primary key), after which the retry loads the instance the
/// other message created. What a losing attempt published rolls back with it. Without the outbox the repository does
/// not run (<see cref="SagaOutboxRequirement{TSaga, TContext}"/> refuses the endpoint when the bus starts; a message that
/// reaches here without it faults): its publishes would already be on the broker, and a retry would send them again.
/// </summary>
public sealed class DbContextSagaRepositoryContextFactory<TSaga, TContext> :
    ISagaRepositoryContextFactory<TSaga>,
    IQuerySagaRepositoryContextFactory<TSaga>,
    ILoadSagaRepositoryContextFactory<TSaga>
    where TSaga : class, ISaga
    where TContext : DbContext
{
    readonly ISagaConsumeContextFactory<DbContext, TSaga> _consumeContextFactory;
    readonly TContext _dbContext;

    public DbContextSagaRepositoryContextFactory(TContext dbContext, ISagaConsumeContextFactory<DbContext, TSaga> consumeContextFactory)
    {
        _dbContext = dbContext;
        _consumeContextFactory = consumeContextFactory;
    }

    public async Task Send<T>(ConsumeContext<T> context, IPipe<SagaRepositoryContext<TSaga, T>> next)
        where T : class
    {
        RequireOutboxTransaction(context);
        using var repositoryContext = new DbContextSagaRepositoryContext<TSaga, T>(_dbContext, context, _consumeContextFactory);
        await next.Send(repositoryContext);
    }

    public async Task SendQuery<T>(ConsumeContext<T> context, ISagaQuery<TSaga> query, IPipe<SagaRepositoryQueryContext<TSaga, T>> next)
        where T : class
    {
        RequireOutboxTransaction(context);
        var instances = await _dbContext.Set<TSaga>().AsTracking().Where(query.FilterExpression).ToListAsync(context.CancellationToken);
        using var repositoryContext = new DbContextSagaRepositoryContext<TSaga, T>(_dbContext, context, _consumeContextFactory);
        await next.Send(new LoadedSagaRepositoryQueryContext<TSaga, T>(repositoryContext, instances));
    }

    public Task<T> Execute<T>(Func<LoadSagaRepositoryContext<TSaga>, Task<T>> asyncMethod, CancellationToken cancellationToken = default)
        where T : class =>
        asyncMethod(new DbContextSagaRepositoryContext<TSaga>(_dbContext, cancellationToken));

    public Task<T> Execute<T>(Func<QuerySagaRepositoryContext<TSaga>, Task<T>> asyncMethod, CancellationToken cancellationToken = default)
        where T : class =>
        asyncMethod(new DbContextSagaRepositoryContext<TSaga>(_dbContext, cancellationToken));

    public void Probe(ProbeContext context)
    {
        context.Add("persistence", "entity-framework");
        context.Add("dbContext", typeof(TContext).Name);
    }

    /// <summary>
    /// The start-up check covers endpoints configured through ConfigureEndpoints; this covers any other way a message
    /// could reach the repository, before anything is read or published.
    /// </summary>
    void RequireOutboxTransaction(ConsumeContext context)
    {
        if (!context.TryGetPayload(out DbTransactionContext? transaction) || !ReferenceEquals(transaction.DbContext, _dbContext))
            throw new ConfigurationException(SagaOutboxRequirement<TSaga, TContext>.Refusal(context.ReceiveContext.InputAddress.GetEndpointName() ?? context.ReceiveContext.InputAddress.ToString()));
    }
}
