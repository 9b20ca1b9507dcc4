using Payments.Contracts.CustomerSync;
using Payments.Contracts.Shared;
using Payments.Simulators.Stripe.Account;

namespace Payments.StripeService.Tests.CustomerSync;

/// <summary>
/// Two reports of one customer tied (same second): the saga asks for the customer as Stripe holds it now, and the Stripe service reports it
/// as a snapshot stamped with the time of the read.
/// </summary>
[TestFixture]
public class When_reading_a_Stripe_customer_back
{
    StripeServiceHost _service = null!;

    [SetUp]
    public async Task Start() => _service = await StripeServiceHost.StartAsync();

    [TearDown]
    public async Task Stop() => await _service.DisposeAsync();

    [Test]
    public async Task Should_report_every_field_Stripe_holds_now_stamped_with_the_read()
    {
        var customerId = (string)_service.Stripe.Account.CreateCustomer(new CustomerFields
        {
            Email = "ap@acme-supply.example", Name = "Acme Supply", Phone = "+1 614 555 0100",
            Address = new Dictionary<string, string> { ["line1"] = "12 Main St", ["city"] = "Columbus", ["state"] = "OH", ["postal_code"] = "43004", ["country"] = "US" },
        })["id"]!;
        _service.Stripe.Account.UpdateCustomer(customerId, new CustomerFields { Name = "Acme Supply Group" });
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        await _service.Harness.Bus.Publish(new RereadStripeCustomer
        {
            CorrelationId = CorrelationKey.StripeCustomer(customerId).ToGuid(), StripeCustomerId = customerId, Reason = "name tied", Revision = 4,
        });

        StripeCustomerReported? report = null;
        for (var attempt = 0; attempt < 300 && report is null; attempt++)
        {
            var faults = _service.Harness.Published.Select<MassTransit.Fault<RereadStripeCustomer>>().ToList();
            if (faults.Count > 0) Assert.Fail("fault: " + faults[0].Context.Message.Exceptions[0].Message);
            report = _service.Harness.Consumed.Select<StripeCustomerReported>().Select(m => m.Context.Message).FirstOrDefault();
            if (report is null) await Task.Delay(100);
        }
        Assert.That(report, Is.Not.Null, "no report of the read");
        Assert.Multiple(() =>
        {
            Assert.That((report!.EventType, report.StripeEventId, report.Deleted), Is.EqualTo((RereadStripeCustomer.ReportEventType, $"reread:{customerId}:r4", false)));
            Assert.That(report.ChangedFields, Is.Null, "a snapshot: every field as Stripe holds it");
            Assert.That(report.Fields[CustomerFieldNames.Name], Is.EqualTo("Acme Supply Group"));
            Assert.That((report.Fields[CustomerFieldNames.Email], report.Fields[CustomerFieldNames.City], report.Fields[CustomerFieldNames.Country]),
                Is.EqualTo(("ap@acme-supply.example", "Columbus", "US")));
            Assert.That(report.ReportedAt, Is.GreaterThan(before), "stamped with the read, later than the events it settles");
            Assert.That(_service.Stripe.Requests.Count(r => r.Method == "GET" && r.Path == $"/v1/customers/{customerId}"), Is.EqualTo(1));
        });
    }
}
