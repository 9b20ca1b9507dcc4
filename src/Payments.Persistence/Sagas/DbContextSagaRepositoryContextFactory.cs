using MassTransit;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Payments.Persistence.Concurrency;
using Payments.Persistence.Outbox;

namespace Payments.Persistence.Sagas;

/// <summary>
/// MassTransit's saga repository asks this factory for a repository context per message. Inside the outbox the
/// saga writes in the outbox's transaction (and the outbox retries the whole message on a conflict); without it,
/// the factory opens its own transaction and runs the message again when it loses a race: a concurrent update
/// (version check) or a concurrent insert of the same CorrelationId (primary key), after which the retry loads the
/// instance the other message created.
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
    readonly OutboxOptions<TContext> _options;

    public DbContextSagaRepositoryContextFactory(TContext dbContext, ISagaConsumeContextFactory<DbContext, TSaga> consumeContextFactory,
        IOptions<OutboxOptions<TContext>> options)
    {
        _dbContext = dbContext;
        _consumeContextFactory = consumeContextFactory;
        _options = options.Value;
    }

    public async Task Send<T>(ConsumeContext<T> context, IPipe<SagaRepositoryContext<TSaga, T>> next)
        where T : class
    {
        if (context.TryGetPayload(out DbTransactionContext? _))
        {
            using var repositoryContext = new DbContextSagaRepositoryContext<TSaga, T>(_dbContext, context, _consumeContextFactory);
            await next.Send(repositoryContext);
            return;
        }

        await WithinTransaction(context.CancellationToken, async () =>
        {
            using var repositoryContext = new DbContextSagaRepositoryContext<TSaga, T>(_dbContext, context, _consumeContextFactory);
            await next.Send(repositoryContext);
            return true;
        });
    }

    public async Task SendQuery<T>(ConsumeContext<T> context, ISagaQuery<TSaga> query, IPipe<SagaRepositoryQueryContext<TSaga, T>> next)
        where T : class
    {
        async Task<bool> Run()
        {
            var instances = await _dbContext.Set<TSaga>().AsTracking().Where(query.FilterExpression).ToListAsync(context.CancellationToken);
            using var repositoryContext = new DbContextSagaRepositoryContext<TSaga, T>(_dbContext, context, _consumeContextFactory);
            await next.Send(new LoadedSagaRepositoryQueryContext<TSaga, T>(repositoryContext, instances));
            return true;
        }

        if (context.TryGetPayload(out DbTransactionContext? _))
            await Run();
        else
            await WithinTransaction(context.CancellationToken, Run);
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

    Task<bool> WithinTransaction(CancellationToken cancellationToken, Func<Task<bool>> work) =>
        ConflictRetry.Run(_options.MaxConflictAttempts,
            async _ =>
            {
                await using var transaction = await _dbContext.Database.BeginTransactionAsync(_options.IsolationLevel, cancellationToken);
                var result = await work();
                await transaction.CommitAsync(cancellationToken);
                return result;
            },
            () =>
            {
                _dbContext.ChangeTracker.Clear();
                return Task.CompletedTask;
            },
            cancellationToken);
}
