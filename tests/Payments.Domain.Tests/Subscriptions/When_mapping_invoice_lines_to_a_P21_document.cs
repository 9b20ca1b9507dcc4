using Payments.Domain.Subscriptions;

namespace Payments.Domain.Tests.Subscriptions;

public class When_mapping_invoice_lines_to_a_P21_document
{
    static readonly DateTimeOffset March1 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    static readonly DateTimeOffset March15 = March1.AddDays(14);
    static readonly DateTimeOffset April1 = March1.AddMonths(1);

    static readonly ItemMappingTable Items = ItemMappingTable.From(new Dictionary<string, string>
    {
        ["price_basic"] = "basic-seat", ["price_pro"] = "PRO-SEAT", ["prod_support"] = " SUPPORT ", ["prod_pro"] = "PRO-OTHER",
    });

    static StripeInvoice Invoice(long total, params StripeInvoiceLine[] lines) => new("in_1", "usd", total, total, total, lines, SubscriptionId: "sub_1");

    static StripeInvoiceLine Line(string id, long amount, string? price, string? product, decimal? quantity = 1, bool proration = false, string currency = "usd") =>
        new(id, amount, currency, $"line {id}", price, product, quantity, proration, March1, April1);

    [Test]
    public void Should_post_each_line_as_its_mapped_item_price_before_product()
    {
        var result = InvoiceLines.Map(Invoice(6_000, Line("il_1", 5_000, "price_pro", "prod_pro", 2), Line("il_2", 1_000, "price_other", "prod_support")), Items);

        Assert.Multiple(() =>
        {
            Assert.That(result.Accepted, Is.True, result.Summary);
            Assert.That(result.Document!.Lines.Select(l => (l.LineNo, l.StripeLineId, l.ItemId, l.Quantity, l.UnitPrice, l.Amount)), Is.EqualTo(new[]
            {
                (1, "il_1", "PRO-SEAT", 2m, 25.00m, 50.00m),
                (2, "il_2", "SUPPORT", 1m, 10.00m, 10.00m),
            }));
            Assert.That((result.Document.Total, result.Document.AmountPaid, result.Document.AppliedBalance, result.Document.Currency), Is.EqualTo((60.00m, 60.00m, 0m, "USD")));
            Assert.That(result.Document.Lines[0].PeriodStart, Is.EqualTo(March1));
        });
    }

    [Test]
    public void Should_keep_a_mid_cycle_change_as_a_credit_and_a_debit_line()
    {
        // An upgrade from Basic (30.00) to Pro (50.00) on the 15th: Stripe credits the unused half of Basic and charges half of Pro.
        var credit = new StripeInvoiceLine("il_unused", -1_500, "usd", "Unused time on Basic after 15 Mar 2026", "price_basic", "prod_basic", 1, true, March15, April1);
        var debit = new StripeInvoiceLine("il_remaining", 2_500, "usd", "Remaining time on Pro after 15 Mar 2026", "price_pro", "prod_pro", 1, true, March15, April1);

        var result = InvoiceLines.Map(Invoice(1_000, credit, debit), Items);

        Assert.Multiple(() =>
        {
            Assert.That(result.Accepted, Is.True, result.Summary);
            Assert.That(result.Document!.Lines.Select(l => (l.ItemId, l.Quantity, l.UnitPrice, l.Amount, l.Proration, l.Description)), Is.EqualTo(new[]
            {
                ("BASIC-SEAT", 1m, -15.00m, -15.00m, true, "Unused time on Basic after 15 Mar 2026"),
                ("PRO-SEAT", 1m, 25.00m, 25.00m, true, "Remaining time on Pro after 15 Mar 2026"),
            }));
            Assert.That(result.Document.Lines.Select(l => (l.PeriodStart, l.PeriodEnd)), Is.All.EqualTo((March15, April1)));
            Assert.That(result.Document.Total, Is.EqualTo(10.00m));
        });
    }

    [Test]
    public void Should_turn_zero_decimal_amounts_without_dividing_them()
    {
        var invoice = new StripeInvoice("in_jpy", "jpy", 1_766, 1_766, 1_766,
        [
            Line("il_1", 3_000, "price_pro", null, 3, currency: "jpy"),
            Line("il_2", -1_234, "price_basic", null, 1, proration: true, currency: "jpy"),
        ]);

        var result = InvoiceLines.Map(invoice, Items);

        Assert.Multiple(() =>
        {
            Assert.That(result.Document!.Lines.Select(l => (l.Quantity, l.UnitPrice, l.Amount)), Is.EqualTo(new[] { (3m, 1_000m, 3_000m), (1m, -1_234m, -1_234m) }));
            Assert.That(result.Document.Total, Is.EqualTo(1_766m));
        });
    }

    [Test]
    public void Should_keep_three_decimal_amounts()
    {
        var invoice = new StripeInvoice("in_kwd", "kwd", 12_340, 12_340, 12_340, [Line("il_1", 12_340, "price_pro", null, 2, currency: "kwd")]);

        var line = InvoiceLines.Map(invoice, Items).Document!.Lines.Single();

        Assert.That((line.UnitPrice, line.Amount), Is.EqualTo((6.170m, 12.340m)));
    }

    [Test]
    public void Should_refuse_the_whole_invoice_naming_an_unmapped_price_and_product()
    {
        var result = InvoiceLines.Map(Invoice(7_000, Line("il_1", 5_000, "price_pro", null), Line("il_2", 2_000, "price_gold", "prod_gold")), Items);

        Assert.Multiple(() =>
        {
            Assert.That(result.Accepted, Is.False);
            Assert.That(result.Document, Is.Null);
            Assert.That(result.Unmapped, Is.EqualTo(new[] { new UnmappedLine("il_2", "price_gold", "prod_gold", "line il_2") }));
            Assert.That(result.Summary, Is.EqualTo("Stripe line il_2 ('line il_2'): neither price price_gold nor product prod_gold has a P21 item."));
        });
    }

    [Test]
    public void Should_refuse_lines_that_do_not_add_up_to_the_total_with_the_difference()
    {
        var result = InvoiceLines.Map(Invoice(5_100, Line("il_1", 5_000, "price_pro", null)), Items);

        Assert.That(result.Problems, Is.EqualTo(new[] { "The lines add up to 50.00 USD but the invoice's total is 51.00 USD: 1.00 USD apart." }));
    }

    [Test]
    public void Should_refuse_an_invoice_not_paid_in_full_when_it_must_be()
    {
        var unpaid = Invoice(5_000, Line("il_1", 5_000, "price_pro", null)) with { AmountPaidMinor = 0 };

        var paid = InvoiceLines.Map(unpaid, Items);
        var finalized = InvoiceLines.Map(unpaid, Items, new InvoiceLinesOptions { RequirePaid = false });

        Assert.Multiple(() =>
        {
            Assert.That(paid.Problems, Is.EqualTo(new[] { "The invoice has 50.00 USD due but 0.00 USD paid: 50.00 USD apart." }));
            Assert.That(finalized.Accepted, Is.True);
        });
    }

    [Test]
    public void Should_report_the_customer_balance_Stripe_applied()
    {
        var invoice = Invoice(6_000, Line("il_1", 6_000, "price_pro", null)) with { AmountDueMinor = 4_000, AmountPaidMinor = 4_000 };

        var document = InvoiceLines.Map(invoice, Items).Document!;

        Assert.That((document.Total, document.AmountPaid, document.AppliedBalance), Is.EqualTo((60.00m, 40.00m, 20.00m)));
    }

    [Test]
    public void Should_take_a_discount_off_its_line()
    {
        var result = InvoiceLines.Map(Invoice(4_500, Line("il_1", 5_000, "price_pro", null, 2) with { DiscountMinor = 500 }), Items);

        var line = result.Document!.Lines.Single();
        Assert.That((line.Quantity, line.UnitPrice, line.Amount, line.Description), Is.EqualTo((2m, 22.50m, 45.00m, "line il_1 (less 5.00 USD discount)")));
    }

    [Test]
    public void Should_post_tax_on_the_configured_item_and_refuse_it_without_one()
    {
        var invoice = Invoice(5_412, Line("il_1", 5_000, "price_pro", null)) with { TaxMinor = 412 };

        var withItem = InvoiceLines.Map(invoice, Items, new InvoiceLinesOptions { TaxItemId = "sales-tax" });
        var without = InvoiceLines.Map(invoice, Items);

        Assert.Multiple(() =>
        {
            Assert.That(withItem.Document!.Lines[^1], Is.EqualTo(new P21DocumentLine(2, "in_1", "SALES-TAX", 1, 4.12m, 4.12m, false, "Tax", null, null)));
            Assert.That(without.Problems, Is.EqualTo(new[] { "The invoice carries 4.12 USD of tax and no P21 item for tax is configured." }));
        });
    }

    [Test]
    public void Should_post_one_unit_when_the_quantity_does_not_divide_the_amount()
    {
        var line = InvoiceLines.Map(Invoice(1_000, Line("il_1", 1_000, "price_pro", null, 3)), Items).Document!.Lines.Single();

        Assert.That((line.Quantity, line.UnitPrice, line.Amount, line.Description), Is.EqualTo((1m, 10.00m, 10.00m, "line il_1 (3 in Stripe, posted as one)")));
    }

    [Test]
    public void Should_leave_out_a_line_of_nothing_and_refuse_one_in_another_currency()
    {
        var metered = InvoiceLines.Map(Invoice(5_000, Line("il_1", 5_000, "price_pro", null), Line("il_meter", 0, "price_unmapped", null, 0)), Items);
        var mixed = InvoiceLines.Map(Invoice(5_000, Line("il_1", 5_000, "price_pro", null, currency: "eur")), Items);

        Assert.Multiple(() =>
        {
            Assert.That(metered.Document!.Lines.Select(l => l.StripeLineId), Is.EqualTo(new[] { "il_1" }));
            Assert.That(mixed.Problems.Single(), Is.EqualTo("Stripe line il_1 is in EUR, the invoice in USD."));
        });
    }

    [Test]
    public void Should_name_every_bad_entry_of_the_item_table()
    {
        var error = Assert.Throws<ArgumentException>(() => ItemMappingTable.From(new Dictionary<string, string>
        {
            ["price_a"] = " ", [" "] = "X", ["prod_b"] = new string('A', 41),
        }))!;

        Assert.That(error.Message, Does.Contain("price_a: no P21 item given.")
            .And.Contain("An entry has no Stripe price or product id.")
            .And.Contain("prod_b: '" + new string('A', 41) + "' is longer than P21's 40-character item id."));
    }
}
