using Payments.Contracts.Shared;
using Payments.Simulators.P21.Store;
using Payments.Simulators.Stripe;
using Payments.Simulators.Stripe.Account;

namespace Payments.Sandbox.Scenarios.ChargeToOrder;

/// <summary>
/// A shop on Stripe Checkout: the lines are on the Checkout Session, none on the charge. The Stripe service finds the session by the
/// PaymentIntent and maps its products to P21 items (their metadata <c>p21_item_id</c>), and the order is posted with those lines.
/// </summary>
public sealed class CheckoutSessionBecomesOrder : ISandboxScenario
{
    public string Name => "charge-to-order-checkout";
    public string Flow => FlowNames.ChargeToOrder;
    public string Description => "a Stripe Checkout payment (lines on the session, none on the charge) → one P21 order with the session's lines";

    public async Task<ScenarioResult> RunAsync(SandboxHost sandbox, CancellationToken cancellationToken)
    {
        var stripe = sandbox.Stripe.Account;
        var widget = stripe.CreateProduct(new ProductFields { Name = "Widget", Metadata = ItemMetadata("WIDGET-001") });
        var widgetPrice = stripe.CreatePrice(new PriceFields { Product = (string)widget["id"]!, UnitAmount = 2_500, Currency = "usd" });
        var session = stripe.CreateCheckoutSession(new CheckoutSessionFields
        {
            CustomerEmail = P21Seed.AcmeEmail,
            Lines =
            [
                new CheckoutLine { Price = (string)widgetPrice["id"]!, Quantity = 2 },
                // A price made on the fly, its product tagged with the P21 item too.
                new CheckoutLine { UnitAmount = 2_499, Currency = "usd", ProductName = "Gadget", ProductMetadata = new Dictionary<string, string> { ["p21_item_id"] = "GADGET-200" } },
            ],
        });
        var charge = stripe.CompleteCheckoutSession((string)session["id"]!, new ChargeSpec { BillingName = "Acme Supply Co", Description = null }, emit: false);

        var report = await new ChargeFlow(sandbox).RunAsync(sandbox.Options.ScenarioTimeout, charge, inStripe: true);
        var lines = report.Order?.Lines.Select(l => (l.ItemId, l.UnitQuantity)).OrderBy(l => l.ItemId, StringComparer.Ordinal).ToList();
        var asExpected = report.Succeeded && lines is not null
                         && lines.SequenceEqual([("GADGET-200", 1m), ("WIDGET-001", 2m)]);
        return report.ToResult(this, expected: "completed: one P21 order of 2 × WIDGET-001 and 1 × GADGET-200 from the session", asExpected);
    }

    static MetadataUpdate ItemMetadata(string itemId) => MetadataUpdate.Set(new Dictionary<string, string> { ["p21_item_id"] = itemId });
}
