using System.Text.Json;
using Payments.Contracts.ChargeToOrder;
using Payments.Contracts.Shared;
using Payments.P21Service.Client;
using Payments.P21Service.Client.Transactions;
using Payments.P21Service.Customers;
using Payments.P21Service.SalesOrders;

namespace Payments.P21Service.Tests.Client.TransactionSets;

/// <summary>
/// The builder writes today's wire format exactly: each expected body is what the hand-built sets of commit 0cc2fd3 (before the
/// builder) posted to the P21 simulator for the same payment and customer, captured byte for byte from the HTTP request.
/// </summary>
[TestFixture]
public class When_building_transaction_sets
{
    static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    static string Expected(string name) => File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "Client", "TransactionSets", name));

    static string Wire(TransactionSet set) => JsonSerializer.Serialize(set, P21Json.Options);

    static readonly PaymentDetails NewPayer = new()
    {
        ChargeId = "ch_golden_full", PaymentIntentId = "pi_golden_full", AmountMinor = 5443, Currency = "USD",
        CustomerEmail = "golden@example.com", CustomerName = "Golden Buyer",
        PaidAt = DateTimeOffset.Parse("2026-03-10T03:30:00Z", System.Globalization.CultureInfo.InvariantCulture),
        ShippingAddress = new Address { Name = "Golden Buyer", Line1 = " 9 Elm St ", Line2 = "Suite 4", City = "Austin", State = "TX", PostalCode = "78701", Country = "US" },
        Lines =
        [
            new OrderLine { Sku = "widget-001", Quantity = 2, UnitAmountMinor = 1234 },
            new OrderLine { Sku = "GADGET-200", Quantity = 1, UnitAmountMinor = 2975 },
        ],
    };

    [Test]
    public void Should_write_the_new_customer_set_as_before()
    {
        var set = NewCustomerSet.For(NewPayer, "golden@example.com", new CustomerOptions { SalesrepId = "1100", DefaultBranch = "10" });
        Assert.That(Wire(set), Is.EqualTo(Expected("new-customer.json")));
    }

    [Test]
    public void Should_write_an_order_with_taker_prices_and_ship_to_address_as_before()
    {
        var options = new SalesOrderOptions { SalesLocationId = 10, SourceLocationId = 10, Taker = "WEBSTORE" };
        var set = SalesOrderSet.For(NewPayer, 100500, 100500, [new SalesOrderLine("WIDGET-001", 2, 12.34m), new SalesOrderLine("GADGET-200", 1, 29.75m)], options, NewYork);
        Assert.That(Wire(set), Is.EqualTo(Expected("order-full.json")));
    }

    [Test]
    public void Should_write_an_order_without_taker_prices_or_address_as_before()
    {
        var payment = NewPayer with
        {
            ChargeId = "ch_golden_bare",
            AmountMinor = 5000,
            Currency = "JPY",
            CustomerEmail = null,
            ShippingAddress = null,
            Lines = [],
            PaidAt = DateTimeOffset.Parse("2026-03-10T15:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
        };
        var options = new SalesOrderOptions { SalesLocationId = 10, SourceLocationId = 10, LinePriceField = "", OrderReferenceField = "po_no" };
        var set = SalesOrderSet.For(payment, 100210, 100210, [new SalesOrderLine("STRIPE-SALE", 1, 5000m)], options, TimeZoneInfo.Utc);
        Assert.That(Wire(set), Is.EqualTo(Expected("order-bare.json")));
    }

    [Test]
    public void Should_keep_data_elements_and_rows_in_the_order_they_were_added()
    {
        var set = TransactionSet.For("Order")
            .Form("A.form", row => row.Field("one", 1).FieldIfPresent("blank", " ").FieldIfPresent("trimmed", " x "))
            .List("B.list", new[] { "p", "q" }, (row, item) => row.Field("item", item))
            .Build();

        var elements = set.Transactions.Single().DataElements;
        Assert.Multiple(() =>
        {
            Assert.That(elements.Select(e => (e.Name, e.Type)), Is.EqualTo(new[] { ("A.form", "Form"), ("B.list", "List") }));
            Assert.That(elements[0].Rows.Single().Edits, Is.EqualTo(new[] { new Edit("one", "1"), new Edit("trimmed", "x") }));
            Assert.That(elements[1].Rows.Select(r => r.Edits.Single().Value), Is.EqualTo(new[] { "p", "q" }));
            Assert.That(set.Transactions.Single().Status, Is.EqualTo("New"));
        });
    }
}
