using Payments.Contracts.ChargeToOrder;
using Payments.Contracts.Shared;
using Payments.Sandbox;
using Payments.Sandbox.Scenarios;
using Payments.Sandbox.Scenarios.ChargeToOrder;
using Payments.Simulators.Stripe;

namespace Payments.EndToEnd.Tests.ChargeToOrder;

/// <summary>The whole flow in the all-in-one sandbox: real HTTP gateway, saga, P21 and Stripe services, simulators on loopback.</summary>
public class When_a_charge_runs_through_the_sandbox
{
    SandboxHost _sandbox = null!;
    string _data = null!;

    [SetUp]
    public async Task Start()
    {
        _data = Path.Combine(Path.GetTempPath(), "payments-e2e-" + Guid.NewGuid().ToString("N"));
        _sandbox = await SandboxHost.StartAsync(new SandboxOptions { DataDirectory = _data });
    }

    [TearDown]
    public async Task Stop()
    {
        await _sandbox.DisposeAsync();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { } // SQLite may hold the file a moment longer
    }

    [Test]
    public async Task Should_post_one_P21_order_and_write_its_number_on_the_charge()
    {
        var report = await new ChargeFlow(_sandbox).RunAsync(TimeSpan.FromSeconds(30));

        Assert.That(report.Succeeded, Is.True, report.Describe());
        Assert.Multiple(() =>
        {
            Assert.That(report.GatewayStatus, Is.EqualTo(200));
            Assert.That(report.Customer!.EmailAddress, Is.EqualTo(report.Charge.BillingEmail), "matched the existing customer by e-mail");
            Assert.That(report.Order!.Lines.Select(l => (l.ItemId, l.UnitQuantity)), Is.EquivalentTo(new[] { ("WIDGET-001", 2m), ("GADGET-200", 1m) }));
            Assert.That(report.StripeMetadata[StripeMetadataKeys.P21OrderNo], Is.EqualTo(report.Order.OrderNo));
            Assert.That(report.StripeMetadata[StripeMetadataKeys.P21CustomerId], Is.EqualTo(report.Customer.CustomerId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        });
    }

    [Test]
    public async Task Should_post_once_when_Stripe_delivers_the_event_again()
    {
        var charge = ChargeFlow.DemonstrationCharge();
        var first = await new ChargeFlow(_sandbox).RunAsync(TimeSpan.FromSeconds(30), charge);
        Assert.That(first.Succeeded, Is.True, first.Describe());

        // Stripe's retry carries the same event id with a fresh signature; a second event id for the same charge also happens.
        var again = StripeEventBuilder.ChargeSucceeded(charge, eventId: first.StripeEventId);
        var other = StripeEventBuilder.ChargeSucceeded(charge);
        using var http = new HttpClient();
        foreach (var webhook in new[] { again, other })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, _sandbox.WebhookUrl) { Content = new StringContent(webhook.Json) };
            request.Headers.Add("Stripe-Signature", webhook.Sign(_sandbox.Options.WebhookSecret));
            using var response = await http.SendAsync(request);
            Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());
        }
        await Task.Delay(TimeSpan.FromSeconds(2)); // let the duplicates reach the saga; the assertion is on the count, not on time

        Assert.That(_sandbox.P21.Store.FindOrdersByReference(charge.Id), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Should_stop_visibly_when_P21_refuses_the_order()
    {
        var charge = ChargeFlow.DemonstrationCharge() with { Metadata = new Dictionary<string, string> { ["items"] = "NO-SUCH-ITEM:1" } };

        var report = await new ChargeFlow(_sandbox).RunAsync(TimeSpan.FromSeconds(30), charge);

        Assert.That(report.Succeeded, Is.False);
        Assert.That(report.Outcome, Is.Not.Null, "the saga must announce the failure, not go quiet");
        Assert.Multiple(() =>
        {
            Assert.That(report.Outcome!.Completed, Is.False);
            Assert.That(report.Outcome.FailedStep, Is.EqualTo("PostP21Order"));
            Assert.That(report.Outcome.Reason, Does.Contain("NO-SUCH-ITEM"));
            Assert.That(report.OrdersForCharge, Is.Zero);
            Assert.That(report.StripeMetadata.ContainsKey(StripeMetadataKeys.P21OrderNo), Is.False);
        });
    }
}
