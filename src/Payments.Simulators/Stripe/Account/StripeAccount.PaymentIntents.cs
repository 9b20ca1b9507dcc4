using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Payments.Simulators.Stripe.Api;

namespace Payments.Simulators.Stripe.Account;

/// <summary>What a PaymentIntent is created with.</summary>
public sealed record PaymentIntentFields
{
    public required long Amount { get; init; }
    public required string Currency { get; init; }
    public string? Customer { get; init; }
    public string? Description { get; init; }
    public string? ReceiptEmail { get; init; }
    /// <summary>A test payment method (<c>pm_card_visa</c>, <c>pm_card_chargeDeclinedInsufficientFunds</c>, …).</summary>
    public string? PaymentMethod { get; init; }
    public IReadOnlyList<string>? PaymentMethodTypes { get; init; }
    public string? StatementDescriptor { get; init; }
    public MetadataUpdate? Metadata { get; init; }
}

/// <summary>A PaymentIntent after a create or confirm, and the charge the confirmation made (null when none was attempted).</summary>
public sealed record PaymentOutcome(JsonObject PaymentIntent, JsonObject? Charge)
{
    public bool Declined => (string?)Charge?["status"] == "failed";
}

public sealed partial class StripeAccount
{
    /// <summary>Creates a PaymentIntent (emits <c>payment_intent.created</c>) and, with <paramref name="confirm"/>, confirms it at once.</summary>
    public PaymentOutcome CreatePaymentIntent(PaymentIntentFields fields, bool confirm = false)
    {
        lock (Gate)
        {
            if (fields.Customer is not null) Require("customer", fields.Customer, "customer", "customer");
            _ = Settle(fields.Amount, fields.Currency); // a currency the account can neither settle in nor convert is refused up front
            var card = fields.PaymentMethod is null ? null : CardOf(fields.PaymentMethod) ?? throw StripeErrors.NoSuch("PaymentMethod", fields.PaymentMethod, "payment_method");
            var intent = StripeFixtures.Resource("payment_intent");
            var id = StripeIds.New("pi");
            intent["id"] = id;
            intent["amount"] = fields.Amount;
            intent["amount_capturable"] = 0;
            intent["amount_received"] = 0;
            intent["currency"] = fields.Currency;
            intent["customer"] = fields.Customer;
            intent["description"] = fields.Description;
            intent["receipt_email"] = fields.ReceiptEmail;
            intent["statement_descriptor"] = fields.StatementDescriptor;
            intent["metadata"] = fields.Metadata?.ApplyTo(null) ?? new JsonObject();
            intent["created"] = Now;
            intent["livemode"] = false;
            intent["client_secret"] = $"{id}_secret_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))}";
            intent["capture_method"] = "automatic";
            intent["payment_method_types"] = new JsonArray([.. (fields.PaymentMethodTypes ?? ["card"]).Select(t => (JsonNode)t)]);
            intent["automatic_payment_methods"] = fields.PaymentMethodTypes is null ? new JsonObject { ["enabled"] = true } : null;
            foreach (var name in new[] { "canceled_at", "cancellation_reason", "last_payment_error", "latest_charge", "next_action", "processing", "shipping",
                                         "transfer_data", "payment_method_configuration_details", "source", "managed_payments" })
                intent[name] = null;
            intent["payment_method"] = card is null ? null : (string)NewPaymentMethod(card, fields.Customer)["id"]!;
            intent["status"] = card is null ? "requires_payment_method" : "requires_confirmation";
            Store(intent);
            Emit("payment_intent.created", intent);
            return confirm ? ConfirmPaymentIntent(id, null, null) : new PaymentOutcome(Copy(intent), null);
        }
    }

    /// <summary>
    /// Confirms a PaymentIntent with its payment method (or <paramref name="paymentMethod"/>): the card is charged; on success the intent
    /// is <c>succeeded</c> (<c>charge.succeeded</c>, <c>payment_intent.succeeded</c>), on a decline it is back to
    /// <c>requires_payment_method</c> with <c>last_payment_error</c> (<c>charge.failed</c>, <c>payment_intent.payment_failed</c>).
    /// </summary>
    public PaymentOutcome ConfirmPaymentIntent(string paymentIntentId, string? paymentMethod, string? receiptEmail)
    {
        lock (Gate)
        {
            var intent = Require("payment_intent", paymentIntentId, "payment_intent");
            var status = (string?)intent["status"];
            if (status is not ("requires_payment_method" or "requires_confirmation"))
                throw StripeErrors.Refused(
                    $"You cannot confirm this PaymentIntent because it has a status of {status}. Only a PaymentIntent with one of the following statuses may be confirmed: requires_confirmation, requires_action, requires_payment_method.",
                    "payment_intent_unexpected_state");
            var customer = (string?)intent["customer"];
            if (paymentMethod is not null)
            {
                var chosen = CardOf(paymentMethod) ?? throw StripeErrors.NoSuch("PaymentMethod", paymentMethod, "payment_method");
                intent["payment_method"] = _cards.ContainsKey(paymentMethod) ? paymentMethod : (string)NewPaymentMethod(chosen, customer)["id"]!;
            }
            if (receiptEmail is not null) intent["receipt_email"] = Blank(receiptEmail);
            if ((string?)intent["payment_method"] is not { } methodId)
                throw StripeErrors.Refused(
                    "You cannot confirm this PaymentIntent because it's missing a payment method. You can either update the PaymentIntent with a payment method and then confirm it again, or confirm it again directly with a payment method.",
                    "payment_intent_unexpected_state");

            var card = _cards[methodId];
            // Stripe copies the intent's metadata onto the charge it makes, once, at confirmation
            // (https://support.stripe.com/questions/how-metadata-works-with-related-objects).
            var metadata = (intent["metadata"] as JsonObject ?? []).ToDictionary(kv => kv.Key, kv => (string?)kv.Value ?? "");
            var charge = Charge(new ChargeFields
            {
                Amount = (long)intent["amount"]!, Currency = (string)intent["currency"]!, Customer = customer, Description = (string?)intent["description"],
                ReceiptEmail = (string?)intent["receipt_email"], StatementDescriptor = (string?)intent["statement_descriptor"],
                Metadata = metadata.Count == 0 ? null : MetadataUpdate.Set(metadata),
            }, card, methodId, paymentIntentId);
            intent["latest_charge"] = (string)charge["id"]!;
            if (card.Declines)
            {
                intent["status"] = "requires_payment_method";
                intent["payment_method"] = null;
                intent["last_payment_error"] = PaymentError(card, charge, Copy(_objects[methodId]));
                Emit("payment_intent.payment_failed", intent);
            }
            else
            {
                intent["status"] = "succeeded";
                intent["amount_received"] = (long)intent["amount"]!;
                intent["last_payment_error"] = null;
                Emit("payment_intent.succeeded", intent);
            }
            return new PaymentOutcome(Copy(intent), Copy(charge));
        }
    }

    /// <summary>Changes a PaymentIntent's metadata, description or receipt e-mail (no event: Stripe has no <c>payment_intent.updated</c>).</summary>
    public JsonObject UpdatePaymentIntent(string paymentIntentId, MetadataUpdate? metadata, string? description = null, string? receiptEmail = null)
    {
        lock (Gate)
        {
            var intent = Require("payment_intent", paymentIntentId, "payment_intent");
            if (metadata is not null) intent["metadata"] = metadata.ApplyTo(intent["metadata"]);
            if (description is not null) intent["description"] = Blank(description);
            if (receiptEmail is not null) intent["receipt_email"] = Blank(receiptEmail);
            return Copy(intent);
        }
    }

    /// <summary>Stripe's <c>card_error</c> object, as in <c>last_payment_error</c> and the 402 answer.</summary>
    static JsonObject PaymentError(TestCard card, JsonObject charge, JsonObject? paymentMethod)
    {
        var error = new JsonObject
        {
            ["type"] = "card_error",
            ["code"] = card.ErrorCode,
            ["message"] = card.Message,
            ["charge"] = (string)charge["id"]!,
            ["doc_url"] = $"https://stripe.com/docs/error-codes/{card.ErrorCode!.Replace('_', '-')}",
        };
        if (card.DeclineCode is not null) error["decline_code"] = card.DeclineCode;
        if (paymentMethod is not null) error["payment_method"] = paymentMethod;
        return error;
    }

    /// <summary>The 402 answer to a declined confirmation or charge: the card error, with the PaymentIntent when there is one.</summary>
    internal static StripeResponse Declined(PaymentOutcome outcome)
    {
        var error = outcome.PaymentIntent["last_payment_error"]?.DeepClone() as JsonObject ?? new JsonObject();
        error["payment_intent"] = outcome.PaymentIntent.DeepClone();
        return new StripeResponse(402, new JsonObject { ["error"] = error });
    }

    /// <summary>The 402 answer to a declined Charges API charge.</summary>
    internal static StripeResponse Declined(JsonObject charge)
    {
        var card = new TestCard("", "", null, (string?)charge["failure_code"], (string?)charge["failure_message"]);
        var error = PaymentError(card, charge, null);
        if ((string?)charge["outcome"]?["reason"] is { } declineCode) error["decline_code"] = declineCode;
        return new StripeResponse(402, new JsonObject { ["error"] = error });
    }
}
