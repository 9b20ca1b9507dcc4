using Payments.ServiceDefaults.Failures;
using Payments.Simulators.P21.Store;

namespace Payments.P21Service.Tests.Customers;

/// <summary>
/// E-mail fields in P21 are typed by people: mixed case, stray spaces, several addresses in one field. And which field of the Customer
/// form keeps the e-mail is not public (docs/external-apis/p21.md#customer-create): a created customer P21 cannot find by e-mail again
/// would be created again for every payment.
/// </summary>
[TestFixture]
public class When_matching_customers_by_email
{
    const long OakCustomerId = 100500;

    [Test]
    public async Task Should_find_a_customer_whose_email_field_holds_several_addresses_in_another_case()
    {
        await using var harness = await P21Harness.StartAsync();
        harness.Simulator.Store.AddCustomer(new P21CustomerRecord
        {
            CustomerId = OakCustomerId, CompanyId = harness.Simulator.Options.CompanyId, CustomerName = "Oak Hardware", SalesrepId = "1100",
            DefaultBranch = "10", EmailAddress = " Billing@Oak-Hardware.example; ap@oak-hardware.example ",
        });

        var first = await harness.PostAsync(P21Harness.Payment("billing@oak-hardware.example"));
        var second = await harness.PostAsync(P21Harness.Payment(" AP@Oak-Hardware.example "));

        Assert.Multiple(() =>
        {
            Assert.That(first.CustomerId, Is.EqualTo(OakCustomerId));
            Assert.That(second.CustomerId, Is.EqualTo(OakCustomerId));
            Assert.That(first.CustomerCreated || second.CustomerCreated, Is.False);
        });
    }

    [Test]
    public async Task Should_not_create_a_second_customer_when_p21_does_not_keep_the_email()
    {
        await using var harness = await P21Harness.StartAsync(simulator => simulator.CustomerEmailField = "");
        var customersBefore = harness.Simulator.Store.Customers.Count;

        var first = await harness.PostAsync(P21Harness.Payment("first-time@buyer.example"));
        var second = Assert.CatchAsync(() => harness.PostAsync(P21Harness.Payment("first-time@buyer.example")))!;

        Assert.Multiple(() =>
        {
            Assert.That(first.CustomerCreated, Is.True);
            Assert.That(harness.Simulator.Store.Customers.Count - customersBefore, Is.EqualTo(1), "one customer for one e-mail");
            Assert.That(second, Is.InstanceOf<PermanentFailureException>(), second.Message);
            Assert.That(second.Message, Does.Contain("P21:Customers:EmailField"));
        });
    }

    [Test]
    public async Task Should_find_a_created_customer_again_through_the_configured_email_field()
    {
        await using var harness = await P21Harness.StartAsync(simulator => simulator.CustomerEmailField = "email",
            settings => settings["P21:Customers:EmailField"] = "email");

        var first = await harness.PostAsync(P21Harness.Payment("configured@buyer.example"));
        var second = await harness.PostAsync(P21Harness.Payment("configured@buyer.example"));

        Assert.Multiple(() =>
        {
            Assert.That(first.CustomerCreated, Is.True);
            Assert.That(second.CustomerId, Is.EqualTo(first.CustomerId));
        });
    }
}
