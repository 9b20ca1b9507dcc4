using System.Text;
using Microsoft.EntityFrameworkCore;
using Payments.Contracts.Shared;
using Payments.Gateway.Data;
using Payments.Gateway.Ingest;
using Payments.Gateway.Sweep;
using Payments.Sandbox.Scenarios.ChargeToOrder;
using Payments.Simulators.Stripe;
using Payments.Simulators.Stripe.Webhooks;

namespace Payments.Sandbox.Scenarios.Operations;

/// <summary>
/// The gateway is unreachable for Stripe (the fake's endpoint is down) while a charge is paid: its <c>charge.succeeded</c> is never
/// delivered. The missed-event sweep (one round, as its timer would run it) lists Stripe's events, feeds the one the gateway lacks
/// through the webhook's ingest and publishes <c>MissedEventsFound</c>; the charge becomes one P21 order all the same.
/// </summary>
public sealed class MissedEventsSwept : ISandboxScenario
{
    public string Name => "missed-events-swept";
    public string Flow => FlowNames.ChargeToOrder;
    public string Description => "webhooks fail (the Stripe fake's endpoint down) while a charge is paid → the missed-event sweep feeds it → one P21 order; MissedEventsFound printed";

    public async Task<ScenarioResult> RunAsync(SandboxHost sandbox, CancellationToken cancellationToken)
    {
        var stripe = sandbox.Stripe;
        var charge = ChargeFlow.DemonstrationCharge();
        var correlationId = CorrelationKey.StripePayment(charge.PaymentIntentId, charge.Id).ToGuid();
        var outcomes = sandbox.Services.GetRequiredService<FlowOutcomes>();

        stripe.Webhooks.GoDown();
        StripeEventRecord delivery;
        try
        {
            stripe.CreateCharge(charge, emitEvent: true);
            await stripe.Webhooks.WaitForDeliveriesAsync(cancellationToken);
            delivery = stripe.Account.Events.First(e => e.Type == "charge.succeeded" && (string?)e.Event["data"]!["object"]!["id"] == charge.Id);
        }
        finally
        {
            stripe.Webhooks.ComeBack();
        }

        var round = await sandbox.Services.GetRequiredService<MissedEventSweep>().RunRoundAsync(cancellationToken);
        FlowOutcome? outcome = null;
        using (var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            wait.CancelAfter(sandbox.Options.ScenarioTimeout);
            try { outcome = await outcomes.WaitFor(correlationId, wait.Token); }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested) { }
        }

        var orders = sandbox.P21.Store.FindOrdersByReference(charge.Id);
        // How the gateway got the event (MissedEventsFound names the first 20 only; earlier scenarios may leave undelivered events too).
        string? via;
        await using (var scope = sandbox.Services.CreateAsyncScope())
            via = await scope.ServiceProvider.GetRequiredService<GatewayDbContext>().WebhookEvents.AsNoTracking()
                .Where(e => e.Source == WebhookSources.Stripe && e.EventId == delivery.Id).Select(e => e.Via).SingleOrDefaultAsync(cancellationToken);
        var found = round.Found;
        var text = new StringBuilder();
        text.AppendLine($"  Stripe charge     {charge.Id}, its event {delivery.Id} charge.succeeded: delivery {delivery.State}" +
                        (delivery.Attempts.LastOrDefault() is { Error: { } error } ? $" ({error})" : ""));
        text.AppendLine($"  Gateway record    {delivery.Id}: {(via is null ? "none" : $"via {via}")}");
        text.AppendLine($"  Sweep round       {(round.Ran ? "ran" : "did not run (another sweeper holds the lease)")}: {round.Listed} events listed, {round.Fed} fed, checkpoint {round.Through:yyyy-MM-dd HH:mm:ss}");
        text.AppendLine(found is null
            ? "  MissedEventsFound none"
            : $"  MissedEventsFound {found.Count} event(s) from {found.Source}, oldest created {found.OldestCreatedAt:yyyy-MM-dd HH:mm:ss}, found {found.FoundAt:HH:mm:ss}: {string.Join(", ", found.EventIds)}");
        foreach (var order in orders)
            text.AppendLine($"  P21 sales order   {order.OrderNo}, reference {order.WebReferenceNo ?? order.PoNo}, {order.Lines.Count} line(s)");
        text.AppendLine(outcome switch
        {
            null => $"  Saga {correlationId}: no verdict within {sandbox.Options.ScenarioTimeout.TotalSeconds:0} s",
            { Completed: true } => $"  Saga {correlationId}: completed",
            _ => $"  Saga {correlationId}: failed at {outcome.FailedStep}: {outcome.Reason}",
        });

        var asExpected = delivery.State == StripeEventDeliveryState.Failed && via == IngestVia.Sweep && found is { Count: > 0 }
                         && outcome is { Completed: true } && orders.Count == 1;
        return new ScenarioResult
        {
            Scenario = Name,
            Flow = Flow,
            AsExpected = asExpected,
            Expected = "the undelivered charge.succeeded found by the sweep (MissedEventsFound), one P21 order",
            Actual = $"delivery {delivery.State}, recorded via {via ?? "nothing"}, MissedEventsFound of {found?.Count ?? 0}, {(outcome is { Completed: true } ? "completed" : "not completed")}, {orders.Count} P21 order(s)",
            Report = text.ToString().TrimEnd(),
        };
    }
}
