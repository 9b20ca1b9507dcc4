using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Payments.Persistence.Sagas;

namespace Payments.Persistence.Tests.Scheduling.Model;

public class InvoiceState : SagaStateMachineInstance
{
    public Guid CorrelationId { get; set; }
    public string CurrentState { get; set; } = null!;
    public DateTime PaymentDueTime { get; set; }

    /// <summary>The token of the pending <see cref="InvoicePaymentOverdue"/> schedule; null once it fired or was cancelled.</summary>
    public Guid? PaymentOverdueTokenId { get; set; }
}

public class InvoiceStateMap : SagaClassMap<InvoiceState>
{
    protected override void Configure(EntityTypeBuilder<InvoiceState> entity, ModelBuilder model) =>
        entity.Property(x => x.CurrentState).HasMaxLength(64);
}
