using Payments.Simulators.P21.Store;
using Payments.Simulators.Stripe;

namespace Payments.Testing.Cluster;

/// <summary>The card payment the charge-to-order flow tests, the end-to-end benchmark and the chaos suite make.</summary>
public static class StripeCharges
{
    /// <summary>A web order by P21's seeded customer Acme for two of its items ($74.99); create it at the Stripe fake before its webhook.</summary>
    public static ChargeSpec AcmeWebOrder() => new()
    {
        Amount = 7_499,
        Currency = "usd",
        BillingEmail = P21Seed.AcmeEmail,
        BillingName = "Acme Supply Co",
        Description = "Web order: 2 × WIDGET-001, 1 × GADGET-200",
        Metadata = new Dictionary<string, string> { ["items"] = "WIDGET-001:2,GADGET-200:1" },
    };
}
