using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Payments.Contracts.StripeSubscription;
using Payments.Domain.Money;
using Payments.Domain.P21;
using Payments.P21Service.Client;
using Payments.P21Service.Client.Transactions;
using Payments.P21Service.Customers;
using Payments.ServiceDefaults.Failures;

namespace Payments.P21Service.Subscriptions;

/// <summary>
/// What P21 gets when a subscription payment fails (<c>StripeSubscription:PaymentFailedAction</c>), each once however often the command comes:
/// <c>Note</c> adds a customer note whose topic names the invoice and attempt (looked up before it is added) [inferred API,
/// docs/external-apis/p21.md#customer-notes-and-credit-hold]; <c>CreditHold</c> sets the customer's credit status to
/// <see cref="SubscriptionOptions.CreditHoldStatus"/> unless it is on it already. Releasing the hold is a person's decision in P21.
/// </summary>
public sealed class PaymentFailureActions(
    IP21Api api, P21Transactions transactions, CustomerLinks links, IOptions<SubscriptionOptions> options, IOptions<P21Options> p21, TimeProvider time,
    ILogger<PaymentFailureActions> logger)
{
    public const string Note = "Note";
    public const string CreditHold = "CreditHold";

    public static string Topic(string invoiceId, int attempt) => $"stripe-invoice:{invoiceId}:attempt:{attempt.ToString(CultureInfo.InvariantCulture)}";

    public async Task<SubscriptionPaymentFailureRecorded> RecordAsync(RecordSubscriptionPaymentFailure command, CancellationToken cancellationToken)
    {
        if (command.Action is not (Note or CreditHold))
            throw new PermanentFailureException($"Unknown failed-payment action '{command.Action}' for Stripe invoice {command.InvoiceId}; P21 takes {Note} or {CreditHold}.");
        var customerId = command.P21CustomerId ?? await links.LinkedP21CustomerAsync(command.StripeCustomerId, cancellationToken)
            ?? throw new PermanentFailureException(
                $"Stripe customer {command.StripeCustomerId} (subscription {command.SubscriptionId}) has no P21 customer linked; the failed payment of invoice "
                + $"{command.InvoiceId} cannot be recorded on one. Link it (payments customers link), then redrive.", "P21");
        var (already, detail) = command.Action == Note
            ? await AddNoteAsync(command, customerId, cancellationToken)
            : await HoldAsync(command, customerId, cancellationToken);
        if (already)
            logger.LogInformation("The failed payment of Stripe invoice {InvoiceId} (attempt {Attempt}) is on P21 customer {CustomerId} already ({Action})",
                command.InvoiceId, command.AttemptCount, customerId, command.Action);
        return new SubscriptionPaymentFailureRecorded
        {
            CorrelationId = command.CorrelationId, SubscriptionId = command.SubscriptionId, InvoiceId = command.InvoiceId, Action = command.Action,
            P21CustomerId = customerId, AlreadyRecorded = already, Detail = detail,
        };
    }

    async Task<(bool Already, string Detail)> AddNoteAsync(RecordSubscriptionPaymentFailure command, long customerId, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var topic = Topic(command.InvoiceId, command.AttemptCount);
        var id = customerId.ToString(CultureInfo.InvariantCulture);
        var notes = await P21Failures.CallAsync("the customer note look-up",
            () => api.QueryCustomerNotesAsync(settings.NoteTable, $"customer_id eq {id} and topic eq {P21Formats.ODataString(topic)}", "note_id,customer_id,topic", 1, cancellationToken),
            time, cancellationToken);
        if (notes.Value.Count > 0) return (true, $"note {notes.Value[0].NoteId:0} ({topic})");

        var amount = MinorUnits.ToDecimal(command.AmountDueMinor, command.Currency).ToString("F" + CurrencyExponent.For(command.Currency).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var text = $"Stripe subscription {command.SubscriptionId}: payment of invoice {command.InvoiceId} ({amount} {command.Currency.ToUpperInvariant()}) failed, attempt {command.AttemptCount}"
            + (command.FailureMessage is { Length: > 0 } reason ? $": {reason}" : "")
            + (command.NextPaymentAttempt is { } next ? $". Stripe retries on {next.UtcDateTime:yyyy-MM-dd HH:mm} UTC." : ". Stripe does not retry.");
        var set = TransactionSet.For(settings.NoteService)
            .Form(settings.NoteForm, form => form.Field("customer_id", customerId).Field("topic", topic).Field("note", text))
            .Build();
        var response = await transactions.PostAsync(set, $"the note of the failed payment of Stripe invoice {command.InvoiceId}", cancellationToken);
        return (false, $"note {response.ResultValue(settings.NoteForm, "note_id") ?? "?"} ({topic})");
    }

    async Task<(bool Already, string Detail)> HoldAsync(RecordSubscriptionPaymentFailure command, long customerId, CancellationToken cancellationToken)
    {
        var hold = options.Value.CreditHoldStatus;
        var id = customerId.ToString(CultureInfo.InvariantCulture);
        var row = (await P21Failures.CallAsync("the customer credit status look-up",
            () => api.QueryCustomersAsync($"company_id eq {P21Formats.ODataString(p21.Value.CompanyId)} and customer_id eq {id}", "customer_id,credit_status", 1, cancellationToken),
            time, cancellationToken)).Value.FirstOrDefault()
            ?? throw new PermanentFailureException($"P21 customer {customerId} (linked to {command.StripeCustomerId}) does not exist in company {p21.Value.CompanyId}.", "P21");
        if (string.Equals(row.CreditStatus?.Trim(), hold, StringComparison.OrdinalIgnoreCase)) return (true, $"credit status {hold}");
        var set = TransactionSet.For("Customer")
            .Form(NewCustomerSet.GeneralTab, form => form.Field("customer_id", customerId).Field("credit_status", hold))
            .Build();
        await transactions.PostAsync(set, $"the credit hold of P21 customer {customerId} for Stripe invoice {command.InvoiceId}", cancellationToken);
        logger.LogInformation("P21 customer {CustomerId} put on credit status {Hold} (was {Previous}): subscription {SubscriptionId} payment failed",
            customerId, hold, row.CreditStatus, command.SubscriptionId);
        return (false, $"credit status {row.CreditStatus} → {hold}");
    }
}
