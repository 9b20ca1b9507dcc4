using System.Text;
using Payments.Contracts.Shared;
using Payments.Sagas.StripeSubscription;
using Payments.Sandbox.Scenarios.CustomerSync;
using Payments.Simulators.Stripe.Account;

namespace Payments.Sandbox.Scenarios.StripeSubscription;

/// <summary>
/// A subscription's renewal is charged to a card that declines: the subscription is <c>PastDue</c>, <c>SubscriptionPaymentFailed</c> (the
/// alert) goes out, and the sandbox's failed-payment action (<c>StripeSubscription:PaymentFailedAction = Note</c>, set in
/// <see cref="SandboxHost"/>) leaves one note on the P21 customer; nothing is booked for the unpaid invoice.
/// </summary>
public sealed class SubscriptionRenewalFailed : ISandboxScenario
{
    public string Name => "subscription-renewal-failed";
    public string Flow => FlowNames.StripeSubscription;
    public string Description => "a renewal charged to a declined card → PastDue, SubscriptionPaymentFailed, a note on the P21 customer (PaymentFailedAction = Note), nothing booked";

    public async Task<ScenarioResult> RunAsync(SandboxHost sandbox, CancellationToken cancellationToken)
    {
        var flow = new SubscriptionFlow(sandbox);
        var alerts = sandbox.Services.GetRequiredService<SubscriptionAlerts>();
        var text = new StringBuilder();
        var customer = new SandboxCustomer(SandboxCustomer.UniqueEmail("accounts", "northwind-labs.example"), "Northwind Labs", "614-555-0133",
            "88 Elm St", null, "Columbus", "OH", "43215");
        var (customerId, p21CustomerId) = await flow.NewLinkedCustomerAsync(customer, cancellationToken);
        text.AppendLine($"  Stripe customer   {customerId} <{customer.Email}> → P21 customer {p21CustomerId?.ToString() ?? "none"} (customer-sync)");
        if (p21CustomerId is not { } p21Id) return Result(false, "the customer has no P21 customer", text);

        var subscriptionId = flow.Subscribe(customerId, StripeAccount.BillingCatalog.SupportPlusMonthlyUsd);
        var first = (string)flow.Invoices(subscriptionId)[0]["id"]!;
        text.AppendLine($"  Subscribed        {subscriptionId}: 1 × {StripeAccount.BillingCatalog.SupportPlusMonthlyUsd}, first invoice {first} paid");
        await flow.WaitAsync(subscriptionId, r => SubscriptionFlow.Entry(r, first)?.Step == InvoiceSteps.Posted, cancellationToken);

        const string declined = "pm_card_chargeDeclined";
        var renewal = sandbox.Stripe.Account.RenewSubscription(subscriptionId, declined);
        var failed = (string)renewal["id"]!;
        text.AppendLine($"  Renewal           invoice {failed} charged to {declined}: Stripe says {renewal["status"]}, attempt {renewal["attempt_count"]}");
        var row = await flow.WaitAsync(subscriptionId, r => r.CurrentState == "PastDue" && SubscriptionFlow.Entry(r, failed) is { Step: InvoiceSteps.PaymentFailed, FailureActions.Count: > 0 },
            cancellationToken);
        SubscriptionFlow.PrintSubscription(text, row);

        var notes = await SubscriptionFlow.PollAsync(
            () => Task.FromResult(sandbox.P21.Store.CustomerNotes.Where(n => n.CustomerId == p21Id && n.Topic.Contains(failed, StringComparison.Ordinal)).ToList()),
            found => found.Count > 0, cancellationToken);
        foreach (var note in notes)
            text.AppendLine($"  P21 customer note {note.NoteId} on customer {note.CustomerId}, topic {note.Topic}: {note.Note}");
        if (notes.Count == 0) text.AppendLine($"  P21 customer note none for {failed}");

        var paymentFailed = await SubscriptionFlow.PollAsync(
            () => Task.FromResult(alerts.PaymentFailed(subscriptionId).Where(a => a.InvoiceId == failed).ToList()), found => found.Count > 0, cancellationToken);
        foreach (var alert in paymentFailed)
            text.AppendLine($"  Alert             SubscriptionPaymentFailed: {SubscriptionFlow.Amount(alert.AmountDueMinor, alert.Currency)} due, attempt {alert.AttemptCount}, "
                            + $"next attempt {alert.NextPaymentAttempt:yyyy-MM-dd HH:mm}, action {alert.Action}: {alert.FailureMessage ?? "no reason given"}");
        if (paymentFailed.Count == 0) text.AppendLine("  Alert             no SubscriptionPaymentFailed");
        var booked = flow.Documents(failed).Count;
        text.AppendLine($"  P21 documents     {booked} for the unpaid invoice {failed}; {flow.Documents(first).Count} for the paid first invoice {first}");

        var asExpected = row?.CurrentState == "PastDue" && SubscriptionFlow.Entry(row, failed)?.Step == InvoiceSteps.PaymentFailed
                         && paymentFailed.Count == 1 && paymentFailed[0].Action == "Note" && notes.Count == 1 && booked == 0;
        return Result(asExpected,
            $"{row?.CurrentState ?? "no saga"}, {paymentFailed.Count} SubscriptionPaymentFailed, {notes.Count} P21 note(s), {booked} document(s) for the unpaid invoice", text);
    }

    ScenarioResult Result(bool asExpected, string actual, StringBuilder text) => new()
    {
        Scenario = Name, Flow = Flow, AsExpected = asExpected, Actual = actual, Report = text.ToString().TrimEnd(),
        Expected = "PastDue: the invoice PaymentFailed, one SubscriptionPaymentFailed (action Note), one note on the P21 customer naming the invoice, no P21 document for it",
    };
}
