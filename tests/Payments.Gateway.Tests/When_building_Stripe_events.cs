using System.Security.Cryptography;
using Payments.Simulators.Stripe;
using Stripe;

namespace Payments.Gateway.Tests;

/// <summary>The builder's events must be what Stripe.net itself accepts, or the gateway tests prove nothing.</summary>
[TestFixture]
public class When_building_Stripe_events
{
    [Test]
    public void Should_build_a_charge_succeeded_event_that_Stripe_net_verifies_and_reads()
    {
        var spec = new ChargeSpec { Amount = 4200, Currency = "gbp", CustomerId = "cus_9", BillingEmail = "x@example.com" };
        var evt = StripeEventBuilder.ChargeSucceeded(spec);

        // Default arguments: 300 s tolerance, and the API version must be on the SDK's train.
        var parsed = EventUtility.ConstructEvent(evt.Json, evt.Sign("whsec_builder"), "whsec_builder");

        var charge = (Charge)parsed.Data.Object;
        Assert.Multiple(() =>
        {
            Assert.That((parsed.Id, parsed.Type, parsed.ApiVersion), Is.EqualTo((evt.Id, EventTypes.ChargeSucceeded, StripeConfiguration.ApiVersion)));
            Assert.That((charge.Id, charge.Amount, charge.Currency), Is.EqualTo((spec.Id, 4200L, "gbp")));
            Assert.That((charge.CustomerId, charge.PaymentIntentId, charge.BillingDetails.Email), Is.EqualTo(("cus_9", spec.PaymentIntentId, "x@example.com")));
            Assert.That(charge.Status, Is.EqualTo("succeeded"));
        });
    }

    [Test]
    public void Should_give_every_event_and_charge_fresh_ids()
    {
        var first = StripeEventBuilder.ChargeSucceeded();
        var second = StripeEventBuilder.ChargeSucceeded();

        Assert.That(first.Id, Is.Not.EqualTo(second.Id).And.Match("^evt_[0-9A-Za-z]{24}$"));
        var (one, other) = (new ChargeSpec(), new ChargeSpec());
        Assert.That(one.Id, Is.Not.EqualTo(other.Id));
        Assert.That(one.PaymentIntentId, Is.Not.EqualTo(other.PaymentIntentId));
    }

    [Test]
    public void Should_embed_the_fixture_file_unchanged()
    {
        using var stream = typeof(StripeFixtures).Assembly.GetManifestResourceStream("Payments.Simulators.Stripe.fixtures3.json")!;

        // The SHA-256 recorded in Stripe/Data/NOTICE.md for stripe/openapi's fixtures3.json at f6c2a48.
        Assert.That(Convert.ToHexStringLower(SHA256.HashData(stream)), Is.EqualTo("41486e14a5b930447f53ecc4e71e34e3184462ba3d18212a39d4a40f70eaba44"));
    }
}
