using MassTransit;
using MassTransit.Context;
using MassTransit.Middleware;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Payments.Persistence.Concurrency;

namespace Payments.Persistence.Sagas;

/// <summary>
/// Loads, inserts, updates and deletes one saga instance for one message, in the DbContext transaction the factory
/// (or the outbox) opened. Updates go through the <c>Version</c> column, so a concurrent change makes SaveChanges fail
/// and the unit of work runs again from a fresh read instead of overwriting it.
/// </summary>
sealed class DbContextSagaRepositoryContext<TSaga, TMessage> : ConsumeContextScope<TMessage>, SagaRepositoryContext<TSaga, TMessage>, IDisposable
    where TSaga : class, ISaga
    where TMessage : class
{
    readonly ConsumeContext<TMessage> _consumeContext;
    readonly DbContext _dbContext;
    readonly ISagaConsumeContextFactory<DbContext, TSaga> _factory;
    // The state machine may save from concurrent activities; the DbContext is not thread-safe.
    readonly SemaphoreSlim _inUse = new(1, 1);
    const string InsertSavepoint = "saga_insert";

    public DbContextSagaRepositoryContext(DbContext dbContext, ConsumeContext<TMessage> consumeContext, ISagaConsumeContextFactory<DbContext, TSaga> factory)
        : base(consumeContext, dbContext)
    {
        _dbContext = dbContext;
        _consumeContext = consumeContext;
        _factory = factory;
    }

    public void Dispose() => _inUse.Dispose();

    public Task<SagaConsumeContext<TSaga, TMessage>> Add(TSaga instance) =>
        _factory.CreateSagaConsumeContext(_dbContext, _consumeContext, instance, SagaConsumeContextMode.Add);

    public async Task<SagaConsumeContext<TSaga, TMessage>> Insert(TSaga instance)
    {
        // Pre-insert (InsertOnInitial): a duplicate key means another message created the instance first. The insert runs
        // under a savepoint of its own (the outbox turns EF's automatic ones off), so after a duplicate key the transaction
        // is rolled back to it, stays usable, and the caller loads that instance.
        var entry = _dbContext.Set<TSaga>().Add(instance);
        SetVersion(entry.Property<int>(SagaClassMap<TSaga>.VersionProperty), 1);
        var transaction = _dbContext.Database.CurrentTransaction;
        if (transaction != null)
            await transaction.CreateSavepointAsync(InsertSavepoint, CancellationToken);
        try
        {
            await _dbContext.SaveChangesAsync(CancellationToken);
        }
        catch (DbUpdateException exception) when (ConcurrencyConflicts.IsUniqueViolation(exception))
        {
            entry.State = EntityState.Detached;
            if (transaction != null)
                await transaction.RollbackToSavepointAsync(InsertSavepoint, CancellationToken);
            return null!;
        }
        // The savepoint is left to the commit: releasing it would be one more round trip for nothing.

        return await _factory.CreateSagaConsumeContext(_dbContext, _consumeContext, instance, SagaConsumeContextMode.Insert);
    }

    public async Task<SagaConsumeContext<TSaga, TMessage>> Load(Guid correlationId)
    {
        var instance = await _dbContext.Set<TSaga>().AsTracking().SingleOrDefaultAsync(saga => saga.CorrelationId == correlationId, CancellationToken);
        return instance == null
            ? null!
            : await _factory.CreateSagaConsumeContext(_dbContext, _consumeContext, instance, SagaConsumeContextMode.Load);
    }

    public async Task Save(SagaConsumeContext<TSaga> context)
    {
        await _inUse.WaitAsync(context.CancellationToken);
        try
        {
            SetVersion(_dbContext.Set<TSaga>().Add(context.Saga).Property<int>(SagaClassMap<TSaga>.VersionProperty), 1);
            await _dbContext.SaveChangesAsync(CancellationToken);
        }
        finally
        {
            _inUse.Release();
        }
    }

    public async Task Update(SagaConsumeContext<TSaga> context)
    {
        await _inUse.WaitAsync(context.CancellationToken);
        try
        {
            // An event that changed nothing (an acknowledged duplicate, an ignored event) writes nothing: it only read
            // one row, so it is ordered before any concurrent writer of that row whatever happens. Bumping the version
            // anyway made every copy of a duplicate that lost the race for the insert collide again on the update, until
            // the conflict attempts ran out (twenty copies at once on PostgreSQL).
            var entry = _dbContext.Entry(context.Saga);
            if (entry.State == EntityState.Unchanged)
                return;

            // Any change bumps the version: a concurrent event that read the same version then runs again on top of this one.
            var version = entry.Property<int>(SagaClassMap<TSaga>.VersionProperty);
            SetVersion(version, version.OriginalValue + 1);
            await _dbContext.SaveChangesAsync(CancellationToken);
        }
        finally
        {
            _inUse.Release();
        }
    }

    public async Task Delete(SagaConsumeContext<TSaga> context)
    {
        await _inUse.WaitAsync(context.CancellationToken);
        try
        {
            _dbContext.Set<TSaga>().Remove(context.Saga);
            await _dbContext.SaveChangesAsync(CancellationToken);
        }
        finally
        {
            _inUse.Release();
        }
    }

    public Task Discard(SagaConsumeContext<TSaga> context) => Task.CompletedTask;

    public Task Undo(SagaConsumeContext<TSaga> context)
    {
        var entry = _dbContext.ChangeTracker.Entries<TSaga>().FirstOrDefault(e => e.Entity.CorrelationId == context.Saga.CorrelationId);
        if (entry != null)
            entry.State = EntityState.Unchanged;
        return Task.CompletedTask;
    }

    public Task<SagaConsumeContext<TSaga, T>> CreateSagaConsumeContext<T>(ConsumeContext<T> consumeContext, TSaga instance, SagaConsumeContextMode mode)
        where T : class =>
        _factory.CreateSagaConsumeContext(_dbContext, consumeContext, instance, mode);

    // Setting the value through the entry marks it modified; EF compares the original value in the UPDATE's WHERE.
    static void SetVersion(PropertyEntry<TSaga, int> version, int value) => version.CurrentValue = value;
}

/// <summary>Read-only access for <see cref="ILoadSagaRepository{TSaga}"/> and <see cref="IQuerySagaRepository{TSaga}"/> (tests, admin views).</summary>
sealed class DbContextSagaRepositoryContext<TSaga>(DbContext dbContext, CancellationToken cancellationToken)
    : BasePipeContext(cancellationToken), QuerySagaRepositoryContext<TSaga>, LoadSagaRepositoryContext<TSaga>
    where TSaga : class, ISaga
{
    public async Task<TSaga> Load(Guid correlationId) =>
        (await dbContext.Set<TSaga>().AsNoTracking().SingleOrDefaultAsync(saga => saga.CorrelationId == correlationId, CancellationToken))!;

    public async Task<SagaRepositoryQueryContext<TSaga>> Query(ISagaQuery<TSaga> query, CancellationToken cancellationToken)
    {
        var ids = await dbContext.Set<TSaga>().AsNoTracking().Where(query.FilterExpression).Select(saga => saga.CorrelationId)
            .ToListAsync(cancellationToken);
        return new DefaultSagaRepositoryQueryContext<TSaga>(this, ids);
    }
}
