using Microsoft.EntityFrameworkCore;
using Payments.Persistence.Outbox;
using Payments.Persistence.Sagas;
using Payments.Persistence.Scheduling;

namespace Payments.Persistence.Tests.Scheduling.Model;

/// <summary>A service's database as the sagas service has it: inbox/outbox, the scheduler's table and a saga that schedules.</summary>
public class SchedulingTestDbContext(DbContextOptions<SchedulingTestDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddTransactionalOutboxEntities();
        modelBuilder.AddScheduledMessageEntity();
        modelBuilder.AddSagaClassMap(new InvoiceStateMap());
    }
}
