using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Payments.Persistence.Sagas;

namespace Payments.Sagas.Flows;

/// <summary>The columns every <see cref="FlowState"/> shares; a flow's map adds its own.</summary>
public abstract class FlowStateMap<TState> : SagaClassMap<TState>
    where TState : FlowState
{
    protected sealed override void Configure(EntityTypeBuilder<TState> entity, ModelBuilder model)
    {
        entity.Property(x => x.CurrentState).HasMaxLength(64);
        entity.Property(x => x.Subject).HasMaxLength(300);
        entity.Property(x => x.FailedStep).HasMaxLength(64);
        // The console and the CLI look flows up by subject and list the failed ones.
        entity.HasIndex(x => x.Subject);
        entity.HasIndex(x => x.CurrentState);
        ConfigureFlow(entity, model);
    }

    protected abstract void ConfigureFlow(EntityTypeBuilder<TState> entity, ModelBuilder model);
}
