using Microsoft.Extensions.Options;
using Payments.Domain.Mappings;
using Payments.P21Service.Client;
using Payments.P21Service.Journals;

namespace Payments.P21Service.Mappings;

/// <summary>
/// Before the bus starts, the P21 mappings the service reads (<see cref="P21Mappings"/>, the <c>P21:*</c> keys) are checked against the live
/// P21 with <see cref="P21MappingCheck"/>, the check <c>payments config validate</c> runs: on any problem each line is logged and the start
/// is refused with the same lines. A P21 that cannot be asked is not an invalid mapping: one warning, and the service starts (its
/// consumers wait for P21 as they always do). <c>P21:Mappings:CheckAtStartup=false</c> skips it.
/// </summary>
/// <remarks>
/// The P21 client and the options are resolved in <see cref="StartAsync"/>, not injected: the host builds its hosted services before it
/// validates the options, and building the client first would report one section's problems instead of every section's.
/// </remarks>
public sealed class MappingCheckAtStartup(IServiceProvider services, IConfiguration configuration, TimeProvider time, ILogger<MappingCheckAtStartup> logger)
    : IHostedService
{
    public const string EnabledKey = "P21:Mappings:CheckAtStartup";

    /// <summary>How long the check may wait for P21 before the service starts without it.</summary>
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue(EnabledKey, true))
            return;
        var mapped = P21Mappings.From(configuration.AsEnumerable(), only: ["P21"]);
        var lookup = services.GetRequiredService<IP21Lookup>();
        var p21 = services.GetRequiredService<IOptions<P21Options>>();
        var journals = services.GetRequiredService<IOptions<JournalOptions>>();
        IReadOnlyList<string> problems;
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(Patience);
        try
        {
            var current = P21MappingCheck.CurrentPeriod(time.GetUtcNow(), p21.Value.ErpTimeZone, journals.Value.FiscalYearStartMonth);
            problems = await P21MappingCheck.CheckAsync(mapped, lookup, current, patience.Token);
        }
        catch (P21UnreachableException e)
        {
            logger.LogWarning("P21 mappings not checked at start-up, P21 could not be asked: {Reason}. Starting anyway; `payments config validate` checks them later.", e.Message);
            return;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("P21 mappings not checked at start-up: P21 did not answer within {Patience}. Starting anyway.", Patience);
            return;
        }
        if (problems.Count == 0)
        {
            logger.LogInformation("P21 mappings checked at start-up: {Count} mapped value(s), no problem", mapped.Count);
            return;
        }
        foreach (var problem in problems)
            logger.LogCritical("Mapping: {Problem}", problem);
        throw new InvalidOperationException($"The P21 mappings do not match P21 ({problems.Count} problem(s)): " + string.Join("; ", problems));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
