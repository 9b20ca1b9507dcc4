using Payments.Domain.Mappings;

namespace Payments.ZnodeService.Mappings;

/// <summary>
/// Before the bus starts, every Znode state name the service reads or writes (<see cref="ZnodeStateMappings"/>) is checked against the live
/// Znode's state tables with <see cref="ZnodeStateCheck"/>, the check <c>payments config validate</c> runs: on any problem each line is
/// logged and the start is refused with the same lines. A Znode that cannot be asked is not an invalid mapping: one warning, and the service
/// starts (its consumers retry Znode as they always do). <c>Znode:Mappings:CheckAtStartup=false</c> skips it.
/// </summary>
public sealed class StateCheckAtStartup(IServiceProvider services, IConfiguration configuration, ILogger<StateCheckAtStartup> logger) : IHostedService
{
    public const string EnabledKey = "Znode:Mappings:CheckAtStartup";

    /// <summary>How long the check may wait for Znode before the service starts without it.</summary>
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue(EnabledKey, true))
            return;
        var mapped = ZnodeStateMappings.From(configuration.AsEnumerable());
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(Patience);
        ZnodeStateTables tables;
        try
        {
            // Resolved here, not injected: the client is built after the host validated the options (see MappingCheckAtStartup in the P21 service).
            tables = await services.GetRequiredService<IZnodeStateLookup>().ReadStatesAsync(patience.Token);
        }
        catch (ZnodeUnreachableException e)
        {
            logger.LogWarning("Znode state names not checked at start-up, Znode could not be asked: {Reason}. Starting anyway; `payments config validate` checks them later.", e.Message);
            return;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Znode state names not checked at start-up: Znode did not answer within {Patience}. Starting anyway.", Patience);
            return;
        }
        var problems = ZnodeStateCheck.Check(mapped, tables);
        if (problems.Count == 0)
        {
            logger.LogInformation("Znode state names checked at start-up: {Count} name(s), no problem", mapped.Count);
            return;
        }
        foreach (var problem in problems)
            logger.LogCritical("Mapping: {Problem}", problem);
        throw new InvalidOperationException($"The Znode state names do not match Znode ({problems.Count} problem(s)): " + string.Join("; ", problems));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
