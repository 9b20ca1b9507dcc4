using System.Text;
using Payments.Contracts.Shared;
using Payments.Sagas.StripeSubscription;
using Payments.Sandbox.Scenarios.CustomerSync;
using Payments.Simulators.Stripe.Account;

namespace Payments.Sandbox.Scenarios.StripeSubscription;

/// <summary>
/// A customer subscribes to the support plan (the first invoice is paid at once), renews (the next invoice is paid) and cancels: each paid
/// invoice is one P21 sales order on the mapped item, the subscription ends <c>Canceled</c> with <c>SubscriptionCanceled</c>, and the
/// invoices' charges made no charge-to-order sales order.
/// </summary>
public sealed class SubscriptionLifecycle : ISandboxScenario
{
    public string Name => "subscription-lifecycle";
    public string Flow => FlowNames.StripeSubscription;
    public string Description => "a subscription created, renewed (each paid invoice → one P21 sales order) and cancelled → Canceled, SubscriptionCanceled; its charges make no charge-to-order order";

    public async Task<ScenarioResult> RunAsync(SandboxHost sandbox, CancellationToken cancellationToken)
    {
        var flow = new SubscriptionFlow(sandbox);
        var alerts = sandbox.Services.GetRequiredService<SubscriptionAlerts>();
        var text = new StringBuilder();
        var customer = new SandboxCustomer(SandboxCustomer.UniqueEmail("billing", "lakeside-clinics.example"), "Lakeside Clinics", "608-555-0170",
            "20 Shore Dr", null, "Madison", "WI", "53703");
        var (customerId, p21CustomerId) = await flow.NewLinkedCustomerAsync(customer, cancellationToken);
        text.AppendLine($"  Stripe customer   {customerId} <{customer.Email}> → P21 customer {p21CustomerId?.ToString() ?? "none"} (customer-sync)");
        if (p21CustomerId is null) return Result(false, "the customer has no P21 customer", text);

        var subscriptionId = flow.Subscribe(customerId, StripeAccount.BillingCatalog.SupportPlanMonthlyUsd);
        text.AppendLine($"  Subscribed        {subscriptionId}: 1 × {StripeAccount.BillingCatalog.SupportPlanMonthlyUsd} ({StripeAccount.BillingCatalog.SupportPlanProduct}), first invoice charged");
        var first = (string)flow.Invoices(subscriptionId)[0]["id"]!;
        var row = await flow.WaitAsync(subscriptionId, r => SubscriptionFlow.Entry(r, first)?.Step == InvoiceSteps.Posted, cancellationToken);

        var second = (string)sandbox.Stripe.Account.RenewSubscription(subscriptionId)["id"]!;
        text.AppendLine($"  Renewed           next period: invoice {second} charged");
        row = await flow.WaitAsync(subscriptionId, r => SubscriptionFlow.Entry(r, second)?.Step == InvoiceSteps.Posted, cancellationToken);

        sandbox.Stripe.Account.CancelSubscription(subscriptionId);
        text.AppendLine("  Cancelled         now (customer.subscription.deleted)");
        row = await flow.WaitAsync(subscriptionId, r => r.CurrentState == "Canceled", cancellationToken);
        SubscriptionFlow.PrintSubscription(text, row);

        var documentsOk = true;
        foreach (var invoiceId in new[] { first, second })
        {
            var documents = flow.Documents(invoiceId);
            documentsOk &= documents.Count == 1 && documents[0].CustomerId == p21CustomerId && SubscriptionFlow.Entry(row, invoiceId)?.DocumentNumber == documents[0].OrderNo;
            if (documents.Count == 0) text.AppendLine($"  P21 sales order   none for {invoiceId}");
            foreach (var order in documents) SubscriptionFlow.PrintOrder(text, order);
        }

        var chargesOk = true;
        var charges = new[] { first, second }.SelectMany(flow.Charges).ToList();
        foreach (var charge in charges)
        {
            var (state, orders) = await flow.ChargeToOrderOfAsync(charge, cancellationToken);
            chargesOk &= orders == 0 && state is null or "PaysBillingInvoice";
            text.AppendLine($"  Billing charge    {charge["id"]} ({charge["description"]}): charge-to-order {state ?? "never started"}, {orders} P21 order(s) for the charge");
        }
        chargesOk &= charges.Count == 2;

        // The alert follows the saga's commit through the outbox and the bus: read once, a loaded machine's run found none yet.
        var canceled = await SubscriptionFlow.PollAsync(() => Task.FromResult(alerts.Canceled(subscriptionId)), found => found.Count > 0, cancellationToken);
        foreach (var alert in canceled)
            text.AppendLine($"  Alert             SubscriptionCanceled: {alert.Status}, reason {alert.CancellationReason ?? "none"}, {alert.InvoicesPosted} invoice(s) booked");
        if (canceled.Count == 0) text.AppendLine("  Alert             no SubscriptionCanceled");

        var asExpected = row?.CurrentState == "Canceled" && row.InvoicesPosted == 2 && documentsOk && chargesOk && canceled.Count == 1;
        return Result(asExpected,
            $"{row?.CurrentState ?? "no saga"}, {row?.InvoicesPosted ?? 0} invoice(s) booked as P21 sales orders, {canceled.Count} SubscriptionCanceled, "
            + $"{(chargesOk ? "no charge-to-order order for its 2 charges" : "a Billing charge NOT kept out of charge-to-order")}", text);
    }

    ScenarioResult Result(bool asExpected, string actual, StringBuilder text) => new()
    {
        Scenario = Name, Flow = Flow, AsExpected = asExpected, Actual = actual, Report = text.ToString().TrimEnd(),
        Expected = "Canceled: 2 invoices booked, each one P21 sales order for the linked customer; one SubscriptionCanceled; each charge PaysBillingInvoice (or never in charge-to-order) with no order",
    };
}
