using System.Globalization;
using System.Text.Json.Nodes;
using Payments.Domain.Money;
using Payments.Simulators.Stripe.Api;

namespace Payments.Simulators.Stripe.Account;

public sealed partial class StripeAccount
{
    static readonly string[] RefundReasons = ["duplicate", "fraudulent", "requested_by_customer"];

    /// <summary>
    /// Refunds a succeeded charge (or a PaymentIntent's latest charge), all that is left of it or <paramref name="amount"/>: the refund
    /// (<c>re_…</c>, succeeded) gets a negative balance transaction, the charge's <c>amount_refunded</c> grows by the amount
    /// (<c>refunded</c> once it reaches the charge's amount); emits <c>charge.refunded</c> and <c>refund.created</c>.
    /// </summary>
    public JsonObject CreateRefund(string? chargeId, string? paymentIntentId, long? amount = null, string? reason = null, MetadataUpdate? metadata = null)
    {
        lock (Gate)
        {
            if (chargeId is null && paymentIntentId is null)
                throw StripeErrors.Invalid("charge", "One of the following params should be provided for this request: payment_intent or charge.");
            if (reason is not null && !RefundReasons.Contains(reason))
                throw StripeErrors.Invalid("reason", $"Invalid reason: must be one of {string.Join(", ", RefundReasons)}");
            if (paymentIntentId is not null)
            {
                var intent = Require("payment_intent", paymentIntentId, "payment_intent", "payment_intent");
                var latest = (string?)intent["latest_charge"];
                if ((string?)intent["status"] != "succeeded" || latest is null)
                    throw StripeErrors.Refused($"This PaymentIntent ({paymentIntentId}) does not have a successful charge to refund.", "charge_not_refundable", "payment_intent");
                if (chargeId is not null && chargeId != latest)
                    throw StripeErrors.Invalid("charge", $"The charge {chargeId} does not belong to the PaymentIntent {paymentIntentId}.");
                chargeId = latest;
            }
            var charge = Require("charge", chargeId!, "charge", "charge");
            if ((string?)charge["status"] != "succeeded")
                throw StripeErrors.Refused($"Charge {chargeId} has not succeeded and cannot be refunded.", "charge_not_refundable", "charge");

            if (Newest("dispute").Any(d => (string?)d["charge"] == chargeId && !((string)d["status"]!).StartsWith("warning_", StringComparison.Ordinal)))
                throw StripeErrors.Refused($"Charge {chargeId} has been charged back; cannot issue a refund.", "charge_disputed", "charge");

            var chargeAmount = (long)charge["amount"]!;
            var refunded = (long?)charge["amount_refunded"] ?? 0;
            var left = chargeAmount - refunded;
            var currency = (string)charge["currency"]!;
            if (left <= 0) throw StripeErrors.Refused($"Charge {chargeId} has already been refunded.", "charge_already_refunded", "charge");
            if (amount is <= 0) throw StripeErrors.Invalid("amount", "Invalid positive integer", "parameter_invalid_integer");
            if (amount > left)
                throw StripeErrors.Invalid("amount", $"Refund amount ({Money(amount.Value, currency)}) is greater than unrefunded amount on charge ({Money(left, currency)})");
            var refundAmount = amount ?? left;

            var refund = StripeFixtures.Resource("refund");
            var refundId = StripeIds.New("re");
            refund["id"] = refundId;
            refund["amount"] = refundAmount;
            refund["currency"] = currency;
            refund["charge"] = chargeId;
            refund["payment_intent"] = (string?)charge["payment_intent"];
            refund["customer"] = (string?)charge["customer"];
            refund["payment_method"] = (string?)charge["payment_method"];
            refund["created"] = Now;
            refund["reason"] = reason;
            refund["status"] = "succeeded";
            refund["metadata"] = metadata?.ApplyTo(null) ?? new JsonObject();
            // Card refunds draw on the balance at once and Stripe keeps the original processing fee; a converted charge's refund is converted too.
            var settled = Settle(refundAmount, currency);
            refund["balance_transaction"] = (string)AddBalanceTransaction("refund", "refund", -settled.Amount, 0, settled.Currency, refundId,
                $"REFUND FOR CHARGE ({(string?)charge["description"] ?? chargeId})", immediately: true, settled.ExchangeRate)["id"]!;
            Store(refund);

            var previous = new JsonObject { ["amount_refunded"] = refunded };
            charge["amount_refunded"] = refunded + refundAmount;
            if (refunded + refundAmount == chargeAmount)
            {
                previous["refunded"] = false;
                charge["refunded"] = true;
            }
            Emit("charge.refunded", charge, previous);
            Emit("refund.created", refund);
            var created = Copy(refund);
            if ((bool?)charge["refunded"] == true) WarningsNoLongerActionable(chargeId!);
            // A card whose refunds fail (4000000000005126): Stripe answers the refund as succeeded, then it fails.
            if (_cardOfCharge.GetValueOrDefault(chargeId!) is { RefundFails: true }) FailRefund(refund, "expired_or_canceled_card");
            return created;
        }
    }

    /// <summary>Stripe's refund failure reasons (https://docs.stripe.com/api/refunds/object#refund_object-failure_reason).</summary>
    static readonly string[] RefundFailureReasons = ["lost_or_stolen_card", "expired_or_canceled_card", "charge_for_pending_refund_disputed", "insufficient_funds", "declined", "merchant_request", "unknown"];

    /// <summary>
    /// A succeeded (or pending) refund fails after the fact, as card refunds can: status <c>failed</c> with <paramref name="failureReason"/>,
    /// the money back in the balance (a <c>refund_failure</c> balance transaction, <c>failure_balance_transaction</c>), the charge's
    /// <c>amount_refunded</c> lowered again; emits <c>refund.updated</c>, <c>charge.refund.updated</c> and <c>refund.failed</c>.
    /// </summary>
    public JsonObject FailRefund(string refundId, string failureReason = "expired_or_canceled_card")
    {
        lock (Gate)
        {
            var refund = Require("refund", refundId, "refund");
            if (!RefundFailureReasons.Contains(failureReason))
                throw StripeErrors.Invalid("failure_reason", $"Invalid failure_reason: must be one of {string.Join(", ", RefundFailureReasons)}");
            if ((string?)refund["status"] is not ("succeeded" or "pending"))
                throw StripeErrors.Refused($"Refund {refundId} is {(string?)refund["status"]} and cannot fail.", "refund_not_failable");
            FailRefund(refund, failureReason);
            return Copy(refund);
        }
    }

    void FailRefund(JsonObject refund, string failureReason)
    {
        var refundId = (string)refund["id"]!;
        var amount = (long)refund["amount"]!;
        // The money comes back as the refund took it out: in the settlement currency, at the refund's rate.
        var taken = Find((string)refund["balance_transaction"]!)!;
        var previous = new JsonObject { ["status"] = (string?)refund["status"], ["failure_reason"] = null };
        refund["status"] = "failed";
        refund["failure_reason"] = failureReason;
        refund["failure_balance_transaction"] = (string)AddBalanceTransaction("refund_failure", "refund_failure", -(long)taken["amount"]!, 0, (string)taken["currency"]!,
            refundId, $"REFUND FAILURE ({refundId})", immediately: true, (decimal?)taken["exchange_rate"])["id"]!;
        if (Find((string)refund["charge"]!) is { } charge)
        {
            charge["amount_refunded"] = Math.Max(0, ((long?)charge["amount_refunded"] ?? 0) - amount);
            charge["refunded"] = false;
        }
        Emit("refund.updated", refund, previous);
        Emit("charge.refund.updated", refund, previous.DeepClone().AsObject());
        Emit("refund.failed", refund);
    }

    /// <summary>Changes a refund's metadata and emits <c>refund.updated</c>.</summary>
    public JsonObject UpdateRefund(string refundId, MetadataUpdate metadata)
    {
        lock (Gate)
        {
            var refund = Require("refund", refundId, "refund");
            var previous = new JsonObject { ["metadata"] = refund["metadata"]?.DeepClone() };
            refund["metadata"] = metadata.ApplyTo(refund["metadata"]);
            Emit("refund.updated", refund, previous);
            return Copy(refund);
        }
    }

    /// <summary>As Stripe words amounts in messages: <c>$10.00</c> for USD, else the amount and the code.</summary>
    static string Money(long amountMinor, string currency)
    {
        var value = MinorUnits.ToDecimal(amountMinor, currency);
        var exponent = CurrencyExponent.For(currency);
        var text = value.ToString("F" + exponent, CultureInfo.InvariantCulture);
        return currency == "usd" ? "$" + text : $"{text} {currency.ToUpperInvariant()}";
    }
}
