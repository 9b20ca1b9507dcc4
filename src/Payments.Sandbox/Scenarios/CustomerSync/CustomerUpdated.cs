using System.Text;
using Payments.Contracts.Shared;

namespace Payments.Sandbox.Scenarios.CustomerSync;

/// <summary>
/// A buyer has a Znode account; the same buyer becomes a Stripe customer: P21 finds or creates the customer and the Znode account is found by
/// e-mail, both linked on the record. Then the name and billing address change in Stripe, and P21 and Znode show the new values.
/// </summary>
public sealed class CustomerUpdated : ISandboxScenario
{
    static readonly TimeSpan Step = TimeSpan.FromSeconds(25);

    public string Name => "customer-updated";
    public string Flow => FlowNames.CustomerSync;
    public string Description => "a Stripe customer (Znode account of the same e-mail) → P21 customer and Znode account linked; name and address changed in Stripe → seen in P21 and Znode";

    public async Task<ScenarioResult> RunAsync(SandboxHost sandbox, CancellationToken cancellationToken)
    {
        var flow = new CustomerSyncFlow(sandbox);
        var text = new StringBuilder();
        var email = SandboxCustomer.UniqueEmail("ap", "harbor-tools.example");
        var before = new SandboxCustomer(email, "Harbor Tools Inc", "207-555-0142", "12 Quay St", null, "Portland", "ME", "04101");
        var after = before with { Name = "Harbor Tools & Marine Inc", Line1 = "400 Commercial St", Line2 = "Suite 2", City = "South Portland", PostalCode = "04106" };

        var znodeUser = flow.RegisterInZnode(before);
        text.AppendLine($"  Znode account     user {znodeUser.UserId} <{email}> registered first: {before.Name}, {before.Line1}, {before.City}");
        var customerId = flow.CreateInStripe(before);
        text.AppendLine($"  Stripe customer   {customerId} created: {before.Name}, {before.Line1}, {before.City} (customer.created → gateway)");

        var linked = await flow.WaitForRecordAsync(customerId, r => r.P21CustomerId is not null && r.ZnodeUserId is not null, Step, cancellationToken);
        var firstInStep = await flow.WaitForSystemsAsync(linked, before, Step, cancellationToken);
        CustomerSyncFlow.PrintLink(text, linked);
        if (linked?.P21CustomerId is null || linked.ZnodeUserId is null || !firstInStep)
        {
            flow.PrintFields(text, linked);
            return Result(false, $"not linked in both systems (P21 {linked?.P21CustomerId?.ToString() ?? "none"}, Znode {linked?.ZnodeUserId?.ToString() ?? "none"})", text);
        }

        var eventId = await flow.ChangeInStripeAsync(customerId, after, cancellationToken);
        text.AppendLine($"  Stripe change     {eventId} customer.updated: name → {after.Name}; address → {after.Line1}, {after.Line2}, {after.City} {after.PostalCode}");
        var inStep = await flow.WaitForSystemsAsync(linked, after, Step, cancellationToken);
        var row = await flow.ReadRecordAsync(customerId);
        CustomerSyncFlow.PrintLink(text, row);
        flow.PrintFields(text, row);

        var (exit, shown) = await flow.ShowWithCliAsync(customerId);
        // The CLI's link and fields, as a person looks the customer up (its last-merge table is left out here: the fields above say the same).
        var cut = shown.IndexOf("Last merge", StringComparison.Ordinal);
        text.AppendLine($"  payments customers show {customerId} (exit {exit}):");
        text.AppendLine(CustomerSyncFlow.Indent(cut > 0 ? shown[..cut] : shown));

        var sameLink = row?.P21CustomerId == linked.P21CustomerId && row?.ZnodeUserId == znodeUser.UserId;
        var fromStripe = row is not null && CustomerSyncFlow.Decisions(row).Count > 0
                         && System.Text.Json.JsonSerializer.Deserialize<Payments.Sagas.CustomerSync.CustomerRecordJson>(row.Record)!.Applied
                             .Any(a => a.Field == "Name" && a.Value == after.Name && a.Source == "Stripe");
        var asExpected = inStep && sameLink && fromStripe && row?.CurrentState == "Active" && exit == 0;
        return Result(asExpected,
            $"{row?.CurrentState ?? "no record"}, P21 customer {row?.P21CustomerId} and Znode user {row?.ZnodeUserId} linked, "
            + (inStep ? "the new name and address in both" : "the new name and address NOT in both"), text);
    }

    ScenarioResult Result(bool asExpected, string actual, StringBuilder text) => new()
    {
        Scenario = Name, Flow = Flow, AsExpected = asExpected, Actual = actual, Report = text.ToString().TrimEnd(),
        Expected = "Active: the Stripe customer linked to a P21 customer and to the Znode user of its e-mail; the new name and address (source Stripe) read back from P21 and Znode",
    };
}
