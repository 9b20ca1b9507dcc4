using System.Text.Json.Nodes;

namespace Payments.Simulators.Stripe.Account;

public sealed partial class StripeAccount
{
    /// <summary>
    /// An early fraud warning from the card network on a charge (<c>radar.early_fraud_warning.created</c>), actionable while the charge
    /// is neither fully refunded nor disputed (https://docs.stripe.com/api/radar/early_fraud_warnings/object).
    /// </summary>
    public JsonObject CreateEarlyFraudWarning(string chargeId, string fraudType = "made_with_stolen_card")
    {
        lock (Gate) return Copy(CreateEarlyFraudWarning(Require("charge", chargeId, "charge", "charge"), fraudType));
    }

    JsonObject CreateEarlyFraudWarning(JsonObject charge, string fraudType = "made_with_stolen_card")
    {
        var warning = StripeFixtures.Resource("radar.early_fraud_warning");
        warning["id"] = StripeIds.New("issfr");
        warning["charge"] = (string)charge["id"]!;
        warning["payment_intent"] = (string?)charge["payment_intent"];
        warning["created"] = Now;
        warning["fraud_type"] = fraudType;
        warning["actionable"] = (bool?)charge["refunded"] != true && (bool?)charge["disputed"] != true;
        Store(warning);
        Emit("radar.early_fraud_warning.created", warning);
        return warning;
    }

    /// <summary>A fully refunded or disputed charge's warnings stop being actionable: <c>radar.early_fraud_warning.updated</c>.</summary>
    void WarningsNoLongerActionable(string chargeId)
    {
        foreach (var warning in Newest("radar.early_fraud_warning").Where(w => (string?)w["charge"] == chargeId && (bool?)w["actionable"] == true))
        {
            warning["actionable"] = false;
            Emit("radar.early_fraud_warning.updated", warning, new JsonObject { ["actionable"] = true });
        }
    }
}
