using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Payments.Operations.Auth;
using Payments.Operations.FlowRuns;
using Payments.Persistence.Audit;
using Payments.ServiceDefaults.Faults;

namespace Payments.Operations.Pages;

/// <summary>One payment (flow run): its state, failure step and reason, its faulted messages (to redrive) and its audit trail.</summary>
public sealed class PaymentModel(ConsoleDbContext db, FlowRunFaults faults, IAuthorizationService authorization, IServiceProvider services,
    ILogger<PaymentModel> logger) : PageModel
{
    public FlowRun Run { get; private set; } = null!;
    public IReadOnlyDictionary<string, string> Documents { get; private set; } = new Dictionary<string, string>();
    public bool FaultsAvailable => faults.Available;
    public IReadOnlyList<FaultFound> Faults { get; private set; } = [];
    public string? FaultsError { get; private set; }
    public bool MayRedrive { get; private set; }
    /// <summary>Null when no audit trail is configured.</summary>
    public IReadOnlyList<AuditEntry>? Story { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await db.FlowRuns.AsNoTracking().SingleOrDefaultAsync(r => r.CorrelationId == id, cancellationToken) is not { } run)
            return NotFound();
        Run = run;
        if (run.Documents is { } documents)
            Documents = JsonSerializer.Deserialize<Dictionary<string, string>>(documents) ?? [];
        MayRedrive = (await authorization.AuthorizeAsync(User, ConsoleAuthExtensions.OperatorPolicy)).Succeeded;

        try
        {
            Faults = await faults.FindAsync(id, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or RabbitMQ.Client.Exceptions.BrokerUnreachableException
                                      or RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            logger.LogWarning(e, "The console could not read the _error queues");
            FaultsError = e.Message;
        }

        if (services.GetService<IAuditTrail>() is { } audit)
            Story = await audit.StoryAsync(run.Subject, cancellationToken);
        return Page();
    }
}
