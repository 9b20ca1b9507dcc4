using Payments.Simulators.P21;
using Payments.Simulators.P21.Store;
using Payments.Simulators.P21.Transactions;

namespace Payments.Simulators.Tests.P21;

/// <summary>
/// The Transaction API's quiet ways (docs/external-apis/p21.md#transaction-failures and #formats-and-field-lengths): a set that passes while
/// P21 keeps less than it was sent, column lengths, and the Customer form's e-mail field.
/// </summary>
[TestFixture]
public class When_p21_keeps_less_than_it_was_sent
{
    static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    static (TransactionProcessor Processor, P21Store Store) Start(Action<P21SimulatorOptions>? configure = null)
    {
        var options = new P21SimulatorOptions();
        configure?.Invoke(options);
        var store = new P21Store();
        P21Seed.Apply(store, options.CompanyId, Now.UtcDateTime);
        return (new TransactionProcessor(store, options, new FixedTime(Now)), store);
    }

    static TransactionSet Set(string service, params (string Element, string Type, (string Name, string Value)[][] Rows)[] elements) => new()
    {
        Name = service,
        Transactions =
        [
            new Transaction
            {
                Status = "New",
                DataElements = elements.Select(e => new DataElement
                {
                    Name = e.Element, Type = e.Type, Keys = [],
                    Rows = e.Rows.Select(r => new DataRow { Edits = r.Select(f => new Edit { Name = f.Name, Value = f.Value }).ToList() }).ToList(),
                }).ToList(),
            },
        ],
    };

    static TransactionSet Order(string shipToLine = "1 Industrial Way") => Set("Order",
        (TransactionProcessor.OrderHeader, "Form", [[("customer_id", "100198"), ("ship_to_id", "100198"), ("source_loc_id", "10"), ("web_reference_no", "ch_sim"),
            ("oe_hdr_ship2_add1", shipToLine)]]),
        (TransactionProcessor.OrderItems, "List", [[("oe_order_item_id", "WIDGET-001"), ("unit_quantity", "2"), ("unit_price", "11.00")],
            [("oe_order_item_id", "GADGET-200"), ("unit_quantity", "1"), ("unit_price", "49.99")]]));

    static TransactionSet Customer(string emailField) => Set("Customer",
        (TransactionProcessor.CustomerForm, "Form", [[("customer_name", "New Buyer"), ("salesrep_id", "1100"), (emailField, "new@buyer.example")]]),
        (TransactionProcessor.CustomerShipTo, "Form", [[("default_branch", "10")]]));

    [Test]
    public void Should_pass_an_order_and_keep_it_without_its_last_line_or_at_list_prices()
    {
        var (processor, store) = Start();

        var dropped = processor.Process(Order(), OrderLosses.LastLine);
        var repriced = processor.Process(Order(), OrderLosses.LinePrices);

        var orders = store.FindOrdersByReference("ch_sim");
        Assert.Multiple(() =>
        {
            Assert.That(dropped.Summary.Succeeded, Is.EqualTo(1));
            Assert.That(repriced.Summary.Succeeded, Is.EqualTo(1));
            Assert.That(orders[0].Lines.Select(l => l.ItemId), Is.EqualTo(new[] { "WIDGET-001" }));
            Assert.That(orders[1].Lines.Select(l => l.UnitPrice), Is.EqualTo(new[] { 12.50m, 49.99m }), "inv_mast.price1, not 11.00");
        });
    }

    [Test]
    public void Should_pass_an_order_without_keeping_the_web_reference_when_so_configured()
    {
        var (processor, store) = Start(o => o.WebReferenceNoStored = false);

        var response = processor.Process(Order());

        Assert.Multiple(() =>
        {
            Assert.That(response.Summary.Succeeded, Is.EqualTo(1));
            Assert.That(store.FindOrdersByReference("ch_sim"), Is.Empty);
            Assert.That(store.Orders[^1].WebReferenceNo, Is.Null);
        });
    }

    [Test]
    public void Should_refuse_a_value_longer_than_its_column_without_naming_it_or_cut_it_when_so_configured()
    {
        var longLine = new string('x', 51);
        var (strict, strictStore) = Start();
        var (lenient, lenientStore) = Start(o => o.TruncateOverLongValues = true);
        var ordersBefore = strictStore.Orders.Count;

        var refused = strict.Process(Order(longLine));
        var cut = lenient.Process(Order(longLine));

        Assert.Multiple(() =>
        {
            Assert.That(refused.Summary.Failed, Is.EqualTo(1));
            Assert.That(refused.Messages.Single(), Does.Contain("String or binary data would be truncated").And.Not.Contain("ship2"));
            Assert.That(strictStore.Orders, Has.Count.EqualTo(ordersBefore));
            Assert.That(cut.Summary.Succeeded, Is.EqualTo(1));
            Assert.That(lenientStore.Orders[^1].Ship2Add1, Is.EqualTo(longLine[..50]));
        });
    }

    [TestCase("email_address", "email_address", true)]
    [TestCase("email", "email", true)]
    [TestCase("email", "email_address", false)]
    [TestCase("", "email_address", false)]
    public void Should_keep_the_customer_email_only_in_the_configured_field(string keptField, string sentField, bool kept)
    {
        var (processor, store) = Start(o => o.CustomerEmailField = keptField);

        var response = processor.Process(Customer(sentField));

        Assert.Multiple(() =>
        {
            Assert.That(response.Summary.Succeeded, Is.EqualTo(1), string.Join(" | ", response.Messages));
            Assert.That(store.Customers[^1].EmailAddress, kept ? Is.EqualTo("new@buyer.example") : Is.Null);
        });
    }

    sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
