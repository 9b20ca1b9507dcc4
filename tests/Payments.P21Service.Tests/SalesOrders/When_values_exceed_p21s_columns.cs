using Payments.Contracts.ChargeToOrder;
using Payments.Contracts.Shared;
using Payments.ServiceDefaults.Failures;
using Payments.Simulators.P21.Store;

namespace Payments.P21Service.Tests.SalesOrders;

/// <summary>
/// P21's columns are short (address lines 50, postal code 10, PO 50; docs/external-apis/p21.md#formats-and-field-lengths) and the
/// simulator, like SQL Server, refuses a longer value without naming the column. The client fits values first, by P21:OverLongValues.
/// </summary>
[TestFixture]
public class When_values_exceed_p21s_columns
{
    static readonly string LongLine = "Unit 4B, Riverside Industrial Estate, Building Seven, Gate 3"; // 61 characters

    static PaymentDetails WithShipTo(PaymentDetails payment) => payment with
    {
        ShippingAddress = new Address { Line1 = LongLine, City = "Atlanta", State = "GA", PostalCode = "30301-123456", Country = "US" },
    };

    [Test]
    public async Task Should_cut_long_ship_to_values_to_p21s_columns_and_post_the_order()
    {
        await using var harness = await P21Harness.StartAsync();
        var payment = WithShipTo(P21Harness.Payment(P21Seed.AcmeEmail));

        await harness.PostAsync(payment);

        var order = harness.Simulator.Store.FindOrdersByReference(payment.ChargeId).Single();
        Assert.Multiple(() =>
        {
            Assert.That(order.Ship2Add1, Is.EqualTo(LongLine[..50]));
            Assert.That(order.Ship2Zip, Is.EqualTo("30301-1234"));
        });
    }

    [Test]
    public async Task Should_cut_a_long_name_of_a_new_customer()
    {
        await using var harness = await P21Harness.StartAsync();
        var payment = WithShipTo(P21Harness.Payment("new-buyer@long-names.example")) with { CustomerName = "The Extraordinarily Long-Named Distribution Company of Georgia" };

        var posted = await harness.PostAsync(payment);

        var customer = harness.Simulator.Store.FindCustomer(posted.CustomerId)!;
        Assert.Multiple(() =>
        {
            Assert.That(posted.CustomerCreated, Is.True);
            Assert.That(customer.CustomerName, Is.EqualTo(payment.CustomerName![..50].TrimEnd()));
            Assert.That(customer.MailAddress1, Is.EqualTo(LongLine[..50]));
        });
    }

    [Test]
    public async Task Should_refuse_with_the_field_and_its_length_when_configured_to_refuse()
    {
        await using var harness = await P21Harness.StartAsync(settings: s => s["P21:OverLongValues"] = "Refuse");
        var payment = WithShipTo(P21Harness.Payment(P21Seed.AcmeEmail));

        var error = Assert.CatchAsync(() => harness.PostAsync(payment))!;

        Assert.Multiple(() =>
        {
            Assert.That(error, Is.InstanceOf<PermanentFailureException>(), error.Message);
            Assert.That(error.Message, Does.Contain("oe_hdr_ship2_add1").And.Contain("50"));
            Assert.That(harness.Simulator.Store.FindOrdersByReference(payment.ChargeId), Is.Empty);
        });
    }

    [Test]
    public async Task Should_refuse_a_charge_id_longer_than_the_po_number_rather_than_cut_the_reference()
    {
        await using var harness = await P21Harness.StartAsync(settings: s => s["P21:SalesOrders:OrderReferenceField"] = "po_no");
        var payment = P21Harness.Payment(P21Seed.AcmeEmail) with { ChargeId = "ch_" + new string('x', 60) };

        var error = Assert.CatchAsync(() => harness.PostAsync(payment))!;

        Assert.Multiple(() =>
        {
            Assert.That(error, Is.InstanceOf<PermanentFailureException>(), error.Message);
            Assert.That(error.Message, Does.Contain("po_no").And.Contain("50"));
        });
    }
}
