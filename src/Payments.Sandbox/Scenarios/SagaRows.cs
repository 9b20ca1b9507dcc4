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

    /// <summary>The row, read until <paramref name="until"/> holds or <paramref name="within"/> has passed (<see cref="Polling"/>); the last row read.</summary>
    public static Task<TState?> WaitForAsync<TState>(SandboxHost sandbox, Guid correlationId, Func<TState, bool> until, TimeSpan within,
        CancellationToken cancellationToken)
        where TState : FlowState =>
        Polling.UntilAsync(() => ReadAsync<TState>(sandbox, correlationId), row => row is not null && until(row), within, cancellationToken);
}
