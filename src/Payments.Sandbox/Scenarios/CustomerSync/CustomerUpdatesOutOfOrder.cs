using System.Text;
using Payments.Contracts.Shared;

namespace Payments.Sandbox.Scenarios.CustomerSync;

/// <summary>
/// Two changes of one customer made a second apart in Stripe whose webhooks reach the gateway newest first (the Stripe fake's sending is
/// held, then each event is delivered by hand, newest first): P21 and Znode end with the newer value, and the record's last decisions say
/// the older change was stale (compared by Stripe's own event time), with no write sent for it.
/// </summary>
public sealed class CustomerUpdatesOutOfOrder : ISandboxScenario
{
    static readonly TimeSpan Step = TimeSpan.FromSeconds(20);

    public string Name => "customer-updates-out-of-order";
    public string Flow => FlowNames.CustomerSync;
    public string Description => "two changes of one customer whose webhooks arrive newest first → P21 and Znode keep the newer value; the older is decided stale";

    public async Task<ScenarioResult> RunAsync(SandboxHost sandbox, CancellationToken cancellationToken)
    {
        var flow = new CustomerSyncFlow(sandbox);
        var text = new StringBuilder();
        var email = SandboxCustomer.UniqueEmail("office", "pine-ridge.example");
        var original = new SandboxCustomer(email, "Pine Ridge Supply", "802-555-0110", "5 Mill Rd", null, "Burlington", "VT", "05401");
        var older = original with { Name = "Pine Ridge Supply Co", Line1 = "7 Mill Rd" };
        var newer = original with { Name = "Pine Ridge Supply Company", Line1 = "9 Harbor Rd" };

        var znodeUser = flow.RegisterInZnode(original);
        var customerId = flow.CreateInStripe(original);
        text.AppendLine($"  Customer          {customerId} <{email}> (Znode user {znodeUser.UserId} registered first): {original.Name}, {original.Line1}");
        var linked = await flow.WaitForRecordAsync(customerId, r => r.P21CustomerId is not null && r.ZnodeUserId is not null, Step, cancellationToken);
        if (!await flow.WaitForSystemsAsync(linked, original, Step, cancellationToken))
        {
            CustomerSyncFlow.PrintLink(text, linked);
            return Result(false, "the customer was not linked and in step before the changes", text);
        }

        // Hold Stripe's sending: the two changes are made, and their events kept, while no endpoint is configured.
        var webhooks = sandbox.Stripe.Webhooks;
        await webhooks.WaitForDeliveriesAsync(cancellationToken);
        webhooks.Disable();
        string olderEvent, newerEvent;
        try
        {
            // Each change is made in a later second than the customer's previous event, so the two are ordered by Stripe's own time.
            olderEvent = await flow.ChangeInALaterSecondAsync(customerId, older, cancellationToken);
            newerEvent = await flow.ChangeInALaterSecondAsync(customerId, newer, cancellationToken);
            await webhooks.WaitForDeliveriesAsync(cancellationToken);
        }
        finally
        {
            webhooks.Configure(sandbox.WebhookUrl, sandbox.Options.WebhookSecret);
        }
        text.AppendLine($"  Stripe change 1   {olderEvent} at {flow.EventCreated(olderEvent)} (unix s): name → {older.Name}, line 1 → {older.Line1}");
        text.AppendLine($"  Stripe change 2   {newerEvent} at {flow.EventCreated(newerEvent)} (unix s): name → {newer.Name}, line 1 → {newer.Line1}");

        var first = await webhooks.DeliverAsync(newerEvent, cancellationToken);
        text.AppendLine($"  Delivered first   {newerEvent} (the newer) → gateway HTTP {first.StatusCode?.ToString() ?? first.Error}");
        var afterNewer = await flow.WaitForRecordAsync(customerId, r => r.LastStripeEventId == newerEvent, Step, cancellationToken);
        var newerInStep = await flow.WaitForSystemsAsync(afterNewer, newer, Step, cancellationToken);
        var revisionBefore = (await flow.ReadRecordAsync(customerId))?.Revision;

        var second = await webhooks.DeliverAsync(olderEvent, cancellationToken);
        text.AppendLine($"  Delivered second  {olderEvent} (the older) → gateway HTTP {second.StatusCode?.ToString() ?? second.Error}");
        var afterOlder = await flow.WaitForRecordAsync(customerId,
            r => CustomerSyncFlow.Decisions(r).Any(d => d.Field == "Name" && d.Kind == "Stale"), Step, cancellationToken);
        // Give a wrongly sent write time to land before reading the systems back.
        await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
        var row = await flow.ReadRecordAsync(customerId);
        var decisions = CustomerSyncFlow.Decisions(afterOlder);

        CustomerSyncFlow.PrintLink(text, row);
        text.AppendLine($"  Last decisions    (the merge of {olderEvent}; fields it did not change left out):");
        foreach (var d in decisions.Where(d => d.Kind is not ("Unchanged" or "NotChangedAtSource")))
            text.AppendLine($"                    {d.Field,-13} {d.Kind,-10} {d.From ?? "(empty)"} / {d.To ?? "(empty)"}: {d.Reason}");
        text.AppendLine($"  Writes sent       revision {revisionBefore} before the older event, {row?.Revision} after it");
        flow.PrintFields(text, row);

        var staleName = decisions.Any(d => d.Field == "Name" && d.Kind == "Stale");
        var staleLine1 = decisions.Any(d => d.Field == "AddressLine1" && d.Kind == "Stale");
        var endsNewer = flow.InStep(row, newer);
        var asExpected = first.Succeeded && second.Succeeded && newerInStep && endsNewer && staleName && staleLine1 && row?.LastStripeEventId == newerEvent;
        return Result(asExpected,
            $"P21 and Znode {(endsNewer ? "keep" : "do NOT keep")} '{newer.Name}', {newer.Line1}; the older change {(staleName && staleLine1 ? "decided Stale" : "NOT decided stale")}", text);
    }

    ScenarioResult Result(bool asExpected, string actual, StringBuilder text) => new()
    {
        Scenario = Name, Flow = Flow, AsExpected = asExpected, Actual = actual, Report = text.ToString().TrimEnd(),
        Expected = "P21 and Znode hold the newer name and address line; the last decisions say the older change's Name and AddressLine1 were Stale",
    };
}
