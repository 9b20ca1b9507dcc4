using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Payments.Persistence.Sagas;

/// <summary>
/// Maps one saga type to its own table (named after the type, as MassTransit's class maps do), keyed by
/// CorrelationId, with an integer <c>Version</c> column that the repository checks and increments on every update that changes it
/// (optimistic concurrency that works the same on every provider). A saga that implements
/// <see cref="ISagaVersion"/> or has an <c>int Version</c> property gets that property; others a shadow column.
/// Derive and override <see cref="Configure"/> for the saga's own columns.
/// </summary>
public abstract class SagaClassMap<TSaga>
    where TSaga : class, ISaga
{
    public const string VersionProperty = "Version";

    public void Apply(ModelBuilder modelBuilder)
    {
        var entity = modelBuilder.Entity<TSaga>();
        entity.ToTable(typeof(TSaga).Name);
        entity.HasKey(saga => saga.CorrelationId);
        entity.Property(saga => saga.CorrelationId).ValueGeneratedNever();
        entity.Property<int>(VersionProperty).IsConcurrencyToken();

        Configure(entity, modelBuilder);
    }

    protected virtual void Configure(EntityTypeBuilder<TSaga> entity, ModelBuilder model)
    {
    }
}

public static class SagaModelBuilderExtensions
{
    /// <summary>Adds a saga's table to the DbContext's model (call from <c>OnModelCreating</c>).</summary>
    public static ModelBuilder AddSagaClassMap<TSaga>(this ModelBuilder modelBuilder, SagaClassMap<TSaga> map)
        where TSaga : class, ISaga
    {
        map.Apply(modelBuilder);
        return modelBuilder;
    }
}
