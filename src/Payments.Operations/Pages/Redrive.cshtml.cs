using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Payments.Operations.Auth;
using Payments.Operations.FlowRuns;

namespace Payments.Operations.Pages;

/// <summary>
/// Moves one of a payment's faulted messages back to its queue: the operator role, the anti-forgery token Razor Pages checks on every
/// POST, and an audit entry naming the user (<see cref="FlowRunFaults.RedriveAsync"/>). Answers with the payment's page.
/// </summary>
[Authorize(Policy = ConsoleAuthExtensions.OperatorPolicy)]
public sealed class RedriveModel(ConsoleDbContext db, FlowRunFaults faults) : PageModel
{
    public IActionResult OnGet(Guid id) => RedirectToPage("/Payment", new { id });

    public async Task<IActionResult> OnPostAsync(Guid id, string? queue, string? messageId, CancellationToken cancellationToken)
    {
        if (await db.FlowRuns.AsNoTracking().SingleOrDefaultAsync(r => r.CorrelationId == id, cancellationToken) is not { } run)
            return NotFound();
        if (string.IsNullOrWhiteSpace(queue) || string.IsNullOrWhiteSpace(messageId))
            return BadRequest("A redrive names the error queue and the message id.");

        var outcome = await faults.RedriveAsync(run, queue, messageId, User.ActorName(), cancellationToken);
        TempData["Redrive"] = outcome.Message;
        TempData["RedriveMoved"] = outcome.Moved;
        return RedirectToPage("/Payment", new { id });
    }
}
