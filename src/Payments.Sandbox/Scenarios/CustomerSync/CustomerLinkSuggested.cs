using System.Globalization;
using System.Text;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Payments.Cli;
using Payments.Contracts.CustomerSync;
using Payments.Contracts.Shared;
using Payments.Simulators.P21.Store;

namespace Payments.Sandbox.Scenarios.CustomerSync;

/// <summary>
/// Customers that existed in all three systems before the hub did: no id ties them, and their e-mails differ (the accounts-payable box in
/// P21, a buyer's address in Stripe). <c>payments customers suggest-links</c>, run against the simulators themselves, proposes the links with
/// a score and the reasons, and applies none; a person accepts them (<c>LinkCustomer</c>, which the CLI's <c>customers link</c> publishes on
/// RabbitMQ and the scenario publishes on the sandbox's in-memory bus); from then on a change in Stripe reaches that P21 customer and Znode user.
/// </summary>
public sealed class CustomerLinkSuggested : ISandboxScenario
{
    static readonly TimeSpan Step = TimeSpan.FromSeconds(25);

    public string Name => "customer-link-suggested";
    public string Flow => FlowNames.CustomerSync;
    public string Description => "customers already in Stripe, P21 and Znode with no id in common → suggest-links proposes them with score and reasons, applies nothing; a person links them → a Stripe change reaches P21 and Znode";

    public async Task<ScenarioResult> RunAsync(SandboxHost sandbox, CancellationToken cancellationToken)
    {
        var flow = new CustomerSyncFlow(sandbox);
        var text = new StringBuilder();
        var tag = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(3));
        var domain = $"keel-marine-{tag}.example";
        var buyer = new SandboxCustomer($"purchasing@{domain}", $"Keel Marine Supply {tag}", "207-555-0199", "88 Harbor Rd", null, "Bath", "ME", "04530");

        // Before the hub: the Stripe customer made while no webhook endpoint listened, the P21 customer and the Znode account entered by hand.
        sandbox.Stripe.Webhooks.Disable();
        string customerId;
        try
        {
            customerId = flow.CreateInStripe(buyer);
        }
        finally
        {
            sandbox.Stripe.Webhooks.Configure(sandbox.WebhookUrl, sandbox.Options.WebhookSecret);
        }
        // An id of its own per run: the sandbox keeps its databases between runs while the simulator starts afresh, and a link record of an
        // earlier run naming the simulator's next generated id would hide this customer from the suggestions as linked already.
        var p21 = sandbox.P21.Store.AddCustomer(new P21CustomerRecord
        {
            CustomerId = 10_000_000 + DateTimeOffset.UtcNow.ToUnixTimeSeconds() % 80_000_000, CompanyId = sandbox.P21.Options.CompanyId, CustomerName = buyer.Name.ToUpperInvariant() + ", INC.", SalesrepId = "1100", DefaultBranch = "10",
            EmailAddress = $"ap@{domain}", MailAddress1 = "88 Harbor Road", MailCity = "Bath", MailState = "ME", MailPostalCode = "04530-1000", MailCountry = "USA",
            DateCreated = DateTime.UtcNow.AddYears(-2),
        });
        var znodeUser = flow.RegisterInZnode(buyer);
        text.AppendLine($"  Before the hub    Stripe {customerId} <{buyer.Email}>, P21 customer {p21.CustomerId} <{p21.EmailAddress}> '{p21.CustomerName}', Znode user {znodeUser.UserId} <{buyer.Email}>; no link");

        var (exit, output, error) = await SandboxCli.RunAsync(sandbox, "customers", "suggest-links");
        var lines = output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var ours = lines.Where(l => l.Contains(customerId, StringComparison.Ordinal)).ToList();
        text.AppendLine($"  payments customers suggest-links (exit {exit}): {(lines.FirstOrDefault() ?? error).Trim()}");
        foreach (var line in ours) text.AppendLine("    " + line.Trim());
        var p21Suggested = ours.Any(l => l.Contains("p21:" + p21.CustomerId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        var znodeSuggested = ours.Any(l => l.Contains("znode:" + znodeUser.UserId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        var notApplied = await flow.ReadRecordAsync(customerId) is null;
        text.AppendLine($"  Applied           {(notApplied ? "nothing: no link record until a person accepts" : "A LINK RECORD EXISTS ALREADY")}");

        // A person accepts both suggestions (as `payments customers link <cus> --p21 N --znode N --by <name>` does).
        await sandbox.Services.GetRequiredService<IBus>().Publish(new LinkCustomer
        {
            CorrelationId = CorrelationKey.StripeCustomer(customerId).ToGuid(), StripeCustomerId = customerId, P21CustomerId = p21.CustomerId,
            ZnodeUserId = znodeUser.UserId, AcceptedBy = "sandbox operator", Reason = "suggest-links: same domain, name and address", AcceptedAt = DateTimeOffset.UtcNow,
        }, cancellationToken);
        var linked = await flow.WaitForRecordAsync(customerId, r => r.P21CustomerId == p21.CustomerId && r.ZnodeUserId == znodeUser.UserId, Step, cancellationToken);
        CustomerSyncFlow.PrintLink(text, linked);

        // From now on Stripe's changes reach the linked P21 customer and Znode user.
        var moved = buyer with { Name = $"Keel Marine & Rigging {tag}", Line1 = "2 Front St", PostalCode = "04530" };
        var eventId = await flow.ChangeInStripeAsync(customerId, moved, cancellationToken);
        text.AppendLine($"  Stripe change     {eventId} customer.updated: name → {moved.Name}; address → {moved.Line1}, {moved.City}");
        var inStep = await flow.WaitForSystemsAsync(linked, moved, Step, cancellationToken);
        var row = await flow.ReadRecordAsync(customerId);
        CustomerSyncFlow.PrintLink(text, row);
        flow.PrintFields(text, row);

        var asExpected = exit == ExitCodes.Done && p21Suggested && znodeSuggested && notApplied && inStep
                         && row?.P21CustomerId == p21.CustomerId && row.ZnodeUserId == znodeUser.UserId && row.LinkedBy?.StartsWith("person:", StringComparison.Ordinal) == true;
        return Result(asExpected,
            $"suggested P21 {(p21Suggested ? "yes" : "no")}, Znode {(znodeSuggested ? "yes" : "no")}, applied before acceptance: {(notApplied ? "no" : "yes")}; "
            + $"linked by {row?.LinkedBy ?? "-"}; the Stripe change {(inStep ? "in" : "NOT in")} P21 and Znode", text);
    }

    ScenarioResult Result(bool asExpected, string actual, StringBuilder text) => new()
    {
        Scenario = Name, Flow = Flow, AsExpected = asExpected, Actual = actual, Report = text.ToString().TrimEnd(),
        Expected = "both links suggested with score and reasons and none applied; once a person accepts, the record names both and a Stripe change is read back from P21 and Znode",
    };
}
