using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Payments.Contracts.Shared;
using Payments.Domain.Money;
using Payments.Sagas.ChargeToOrder;
using Payments.Sagas.StripeSubscription;
using Payments.Sandbox.Scenarios.CustomerSync;
using Payments.Simulators.P21.Store;
using Payments.Simulators.Stripe.Account;

namespace Payments.Sandbox.Scenarios.StripeSubscription;

/// <summary>
/// Drives Stripe Billing as a subscriber and Stripe would: the customer is created in the Stripe fake (customer-sync links or creates its P21
/// customer), subscribes to the fake's billing catalogue, renews, fails a renewal with a declined card, cancels; the fake's signed
/// <c>customer.subscription.*</c>, <c>invoice.*</c> and <c>charge.*</c> webhooks reach the gateway. What P21 holds is read back from the
/// simulator (sales orders by the reference <c>stripe-invoice:&lt;in_…&gt;</c>, customer notes), the bookings from the saga's row.
/// </summary>
public sealed class SubscriptionFlow(SandboxHost sandbox)
{
    public static readonly TimeSpan Step = TimeSpan.FromSeconds(20);

    /// <summary>A new Stripe customer, linked (found or created) in P21 by customer-sync before it subscribes; the customer id and its P21 id.</summary>
    public async Task<(string CustomerId, long? P21CustomerId)> NewLinkedCustomerAsync(SandboxCustomer customer, CancellationToken cancellationToken)
    {
        var flow = new CustomerSyncFlow(sandbox);
        var customerId = flow.CreateInStripe(customer);
        var row = await flow.WaitForRecordAsync(customerId, r => r.P21CustomerId is not null, Step, cancellationToken);
        return (customerId, row?.P21CustomerId);
    }

    public string Subscribe(string customerId, string price) =>
        (string)sandbox.Stripe.Account.CreateSubscription(new SubscriptionFields { Customer = customerId, Items = [new SubscriptionItemFields(price)] })["id"]!;

    /// <summary>The subscription's invoices in the Stripe fake, oldest first.</summary>
    public IReadOnlyList<JsonObject> Invoices(string subscriptionId) =>
        [.. sandbox.Stripe.Account.List("invoice")
            .Where(i => (string?)i["parent"]?["subscription_details"]?["subscription"] == subscriptionId)
            .OrderBy(i => (long)i["created"]!).ThenBy(i => (string?)i["number"], StringComparer.Ordinal)];

    public Task<SubscriptionState?> ReadAsync(string subscriptionId) =>
        SagaRows.ReadAsync<SubscriptionState>(sandbox, CorrelationKey.StripeSubscription(subscriptionId).ToGuid());

    /// <summary>Polls the subscription's row until <paramref name="until"/> holds or the step's time has passed; the last row read.</summary>
    public Task<SubscriptionState?> WaitAsync(string subscriptionId, Func<SubscriptionState, bool> until, CancellationToken cancellationToken) =>
        PollAsync(() => ReadAsync(subscriptionId), row => row is not null && until(row), cancellationToken);

    /// <summary>Reads until <paramref name="done"/> holds or <see cref="Step"/> has passed (<see cref="Polling"/>); the last value read.</summary>
    public static Task<T> PollAsync<T>(Func<Task<T>> read, Func<T, bool> done, CancellationToken cancellationToken) =>
        Polling.UntilAsync(read, done, Step, cancellationToken);

    public static SubscriptionInvoiceEntry? Entry(SubscriptionState? row, string invoiceId) =>
        row is null ? null : SubscriptionInvoiceEntry.Read(row.Invoices).FirstOrDefault(e => e.InvoiceId == invoiceId);

    /// <summary>P21's sales orders that carry the invoice's reference.</summary>
    public IReadOnlyList<P21OrderRecord> Documents(string invoiceId) => sandbox.P21.Store.FindOrdersByReference("stripe-invoice:" + invoiceId);

    /// <summary>The charges that paid the invoice (through its invoice payments' PaymentIntents), as the Stripe fake holds them.</summary>
    public IReadOnlyList<JsonObject> Charges(string invoiceId)
    {
        var intents = sandbox.Stripe.Account.List("invoice_payment")
            .Where(p => (string?)p["invoice"] == invoiceId)
            .Select(p => (string?)p["payment"]?["payment_intent"]).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return [.. sandbox.Stripe.Account.List("charge").Where(c => (string?)c["payment_intent"] is { } pi && intents.Contains(pi))];
    }

    /// <summary>
    /// What charge-to-order made of a Billing charge: its saga row (once it has come to rest: <c>PaysBillingInvoice</c>, <c>Final</c> or
    /// <c>Failed</c>) and P21's orders for the charge. A Billing charge must end in <c>PaysBillingInvoice</c>, or never reach that flow.
    /// </summary>
    public async Task<(string? State, int Orders)> ChargeToOrderOfAsync(JsonObject charge, CancellationToken cancellationToken)
    {
        var chargeId = (string)charge["id"]!;
        var correlationId = CorrelationKey.StripePayment((string?)charge["payment_intent"], chargeId).ToGuid();
        var row = await PollAsync(() => SagaRows.ReadAsync<OrderPaymentState>(sandbox, correlationId),
            r => r?.CurrentState is "PaysBillingInvoice" or "Final" or "Failed", cancellationToken);
        return (row?.CurrentState, sandbox.P21.Store.FindOrdersByReference(chargeId).Count);
    }

    public static void PrintSubscription(StringBuilder text, SubscriptionState? row)
    {
        if (row is null)
        {
            text.AppendLine("  Subscription saga none");
            return;
        }
        text.AppendLine($"  Subscription saga {row.SubscriptionId} of {row.StripeCustomerId}: {row.CurrentState} (Stripe status {row.Status ?? "-"}), "
                        + $"{row.InvoicesPosted} invoice(s) booked{(row.CancellationReason is { } reason ? $", canceled: {reason}" : "")}");
        foreach (var e in SubscriptionInvoiceEntry.Read(row.Invoices))
            text.AppendLine($"                    invoice {e.InvoiceId} {e.Number} {Amount(e.TotalMinor, e.Currency)} {e.BillingReason}: {e.Status}, step {e.Step}"
                            + (e.DocumentNumber is { } doc ? $", P21 {e.DocumentKind} {doc}" : "")
                            + (e.FailureActions.Count > 0 ? $", P21 action for attempt(s) {string.Join(", ", e.FailureActions)}" : "")
                            + (e.Reason is { } why ? $" ({why})" : ""));
    }

    public static void PrintOrder(StringBuilder text, P21OrderRecord order)
    {
        text.AppendLine($"  P21 sales order   {order.OrderNo} for customer {order.CustomerId}, reference {order.WebReferenceNo}, {order.Lines.Count} line(s):");
        foreach (var line in order.Lines)
            text.AppendLine($"                    {line.LineNo,3}  {line.ItemId,-16} × {line.UnitQuantity.ToString("0.##", CultureInfo.InvariantCulture),-4} @ {line.UnitPrice.ToString("0.00##", CultureInfo.InvariantCulture)}");
    }

    /// <summary>The amount in the currency's own decimals (49.00 USD, 5000 JPY, 1.500 KWD).</summary>
    public static string Amount(long minor, string currency) =>
        MinorUnits.ToDecimal(minor, currency).ToString("F" + CurrencyExponent.For(currency).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + " " + currency.ToUpperInvariant();
}
