using Microsoft.EntityFrameworkCore;
using Payments.Sagas.Data;
using Payments.Sagas.Flows;

namespace Payments.Sandbox.Scenarios;

/// <summary>A flow's saga row as the sagas service stored it, read outside the bus, for the scenarios' read-back.</summary>
public static class SagaRows
{
    /// <summary>The row of <paramref name="correlationId"/> in <typeparamref name="TState"/>'s table, or null when the flow never started.</summary>
    public static async Task<TState?> ReadAsync<TState>(SandboxHost sandbox, Guid correlationId)
        where TState : FlowState
    {
        await using var scope = sandbox.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SagaDbContext>().Set<TState>().AsNoTracking()
            .SingleOrDefaultAsync(s => s.CorrelationId == correlationId);
    }
}
