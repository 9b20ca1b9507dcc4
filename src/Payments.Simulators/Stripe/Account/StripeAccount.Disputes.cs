using System.Text.Json.Nodes;
using Payments.Simulators.Stripe.Api;

namespace Payments.Simulators.Stripe.Account;

public sealed partial class StripeAccount
{
    /// <summary>What test-mode evidence decides (docs.stripe.com/testing#disputes): <c>winning_evidence</c> wins, <c>losing_evidence</c> loses.</summary>
    public const string WinningEvidence = "winning_evidence";
    public const string LosingEvidence = "losing_evidence";

    /// <summary>
    /// A dispute on a succeeded charge, as Stripe's test cards open one: a fraudulent chargeback (<c>needs_response</c>, the amount and
    /// <see cref="StripeApiFakeOptions.DisputeFee"/> withdrawn in one balance transaction: <c>charge.dispute.created</c> then
    /// <c>charge.dispute.funds_withdrawn</c>) or an inquiry (<c>warning_needs_response</c>, no money). The charge becomes <c>disputed</c>
    /// and an early fraud warning on it stops being actionable.
    /// </summary>
    public JsonObject OpenDispute(string chargeId, bool inquiry = false)
    {
        lock (Gate) return Copy(OpenDispute(Require("charge", chargeId, "charge", "charge"), inquiry));
    }

    JsonObject OpenDispute(JsonObject charge, bool inquiry)
    {
        var chargeId = (string)charge["id"]!;
        if (Newest("dispute").Any(d => (string?)d["charge"] == chargeId))
            throw StripeErrors.Refused($"Charge {chargeId} already has a dispute.", "charge_disputed", "charge");
        var now = Now;
        var dispute = StripeFixtures.Resource("dispute");
        var id = StripeIds.New("du");
        var amount = (long)charge["amount"]! - ((long?)charge["amount_refunded"] ?? 0);
        var currency = (string)charge["currency"]!;
        dispute["id"] = id;
        dispute["amount"] = amount;
        dispute["currency"] = currency;
        dispute["charge"] = chargeId;
        dispute["payment_intent"] = (string?)charge["payment_intent"];
        dispute["created"] = now;
        dispute["metadata"] = new JsonObject();
        dispute["reason"] = inquiry ? "general" : "fraudulent";
        dispute["status"] = inquiry ? "warning_needs_response" : "needs_response";
        dispute["is_charge_refundable"] = inquiry;
        dispute["balance_transactions"] = new JsonArray();
        dispute["evidence_details"] = new JsonObject
        {
            ["due_by"] = now + (long)_options.DisputeResponseWindow.TotalSeconds,
            ["has_evidence"] = false,
            ["past_due"] = false,
            ["submission_count"] = 0L,
            ["enhanced_eligibility"] = new JsonObject(),
        };
        if (dispute["payment_method_details"]?["card"] is JsonObject card) card["case_type"] = inquiry ? "inquiry" : "chargeback";
        Store(dispute);
        var previousCharge = new JsonObject { ["disputed"] = false };
        charge["disputed"] = true;
        Emit("charge.dispute.created", dispute);
        if (!inquiry)
        {
            // The disputed amount leaves the balance as the charge entered it (converted when the charge was); the fee is the settlement currency's.
            var settled = Settle(amount, currency);
            AddDisputeTransaction(dispute, -settled.Amount, _options.DisputeFee, settled.Currency, settled.ExchangeRate, "dispute", "Chargeback withdrawal for " + chargeId);
            Emit("charge.dispute.funds_withdrawn", dispute);
        }
        Emit("charge.updated", charge, previousCharge);
        WarningsNoLongerActionable(chargeId);
        return dispute;
    }

    /// <summary>
    /// <c>POST /v1/disputes/{id}</c>: metadata, evidence, and <paramref name="submit"/> (Stripe's default: true). Submitted evidence
    /// decides a test-mode dispute at once: <see cref="WinningEvidence"/> in <c>uncategorized_text</c> wins, <see cref="LosingEvidence"/>
    /// loses (an inquiry closes as <c>warning_closed</c> either way); other evidence moves it under review.
    /// </summary>
    public JsonObject UpdateDispute(string disputeId, IReadOnlyDictionary<string, string>? evidence, MetadataUpdate? metadata, bool submit = true)
    {
        lock (Gate)
        {
            var dispute = Require("dispute", disputeId, "dispute");
            var status = (string)dispute["status"]!;
            if (status is "won" or "lost" or "warning_closed")
                throw StripeErrors.Refused($"This dispute is already closed ({status}); its evidence cannot be changed.", "dispute_already_closed");
            var previous = new JsonObject();
            if (metadata is not null)
            {
                previous["metadata"] = dispute["metadata"]?.DeepClone();
                dispute["metadata"] = metadata.ApplyTo(dispute["metadata"]);
            }
            if (evidence is not null)
            {
                previous["evidence"] = dispute["evidence"]?.DeepClone();
                foreach (var (key, value) in evidence) dispute["evidence"]![key] = value.Length == 0 ? null : value;
                dispute["evidence_details"]!["has_evidence"] = true;
            }
            if (!submit)
            {
                if (previous.Count > 0) Emit("charge.dispute.updated", dispute, previous);
                return Copy(dispute);
            }

            var details = (JsonObject)dispute["evidence_details"]!;
            details["submission_count"] = ((long?)details["submission_count"] ?? 0) + 1;
            var inquiry = status.StartsWith("warning_", StringComparison.Ordinal);
            previous["status"] = status;
            dispute["status"] = inquiry ? "warning_under_review" : "under_review";
            Emit("charge.dispute.updated", dispute, previous);
            var text = (string?)dispute["evidence"]?["uncategorized_text"];
            if (text == WinningEvidence) Close(dispute, won: true);
            else if (text == LosingEvidence) Close(dispute, won: false);
            return Copy(dispute);
        }
    }

    /// <summary>Closes an open dispute as the card network decided (the sandbox's control route, or test-mode evidence).</summary>
    public JsonObject CloseDispute(string disputeId, bool won)
    {
        lock (Gate)
        {
            var dispute = Require("dispute", disputeId, "dispute");
            if ((string?)dispute["status"] is "won" or "lost" or "warning_closed")
                throw StripeErrors.Refused($"Dispute {disputeId} is already closed ({(string?)dispute["status"]}).", "dispute_already_closed");
            Close(dispute, won);
            return Copy(dispute);
        }
    }

    /// <summary><c>POST /v1/disputes/{id}/close</c>: the merchant accepts the dispute, which is then lost.</summary>
    public JsonObject AcceptDispute(string disputeId) => CloseDispute(disputeId, won: false);

    void Close(JsonObject dispute, bool won)
    {
        var previous = new JsonObject { ["status"] = (string?)dispute["status"] };
        var inquiry = ((string)dispute["status"]!).StartsWith("warning_", StringComparison.Ordinal);
        if (inquiry)
        {
            dispute["status"] = "warning_closed";
            Emit("charge.dispute.closed", dispute, previous);
            return;
        }
        dispute["status"] = won ? "won" : "lost";
        if (won)
        {
            // The withdrawn amount and the dispute fee come back in one reversal.
            var withdrawal = dispute["balance_transactions"]!.AsArray().OfType<JsonObject>().First(t => (string?)t["reporting_category"] == "dispute");
            AddDisputeTransaction(dispute, -(long)withdrawal["amount"]!, -(long)withdrawal["fee"]!, (string)withdrawal["currency"]!, (decimal?)withdrawal["exchange_rate"],
                "dispute_reversal", "Chargeback reversal for " + (string)dispute["charge"]!);
            Emit("charge.dispute.funds_reinstated", dispute);
        }
        Emit("charge.dispute.closed", dispute, previous);
    }

    void AddDisputeTransaction(JsonObject dispute, long amount, long fee, string currency, decimal? exchangeRate, string reportingCategory, string description)
    {
        var transaction = AddBalanceTransaction("adjustment", reportingCategory, amount, fee, currency, (string)dispute["id"]!, description, immediately: true, exchangeRate);
        if (fee != 0 && transaction["fee_details"] is JsonArray { Count: 1 } details && details[0] is JsonObject detail)
            detail["description"] = fee > 0 ? "Dispute fee" : "Dispute fee refund";
        dispute["balance_transactions"]!.AsArray().Add(transaction.DeepClone());
    }
}
