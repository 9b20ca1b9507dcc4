using System.Globalization;
using Payments.Contracts.ChargeToOrder;
using Payments.Contracts.Shared;
using Payments.Contracts.StripeRefund;
using Payments.Contracts.ZnodeOrderToCash;
using Payments.P21Service.Journals;
using Payments.P21Service.Returns;
using Payments.ServiceDefaults.Failures;
using Payments.Simulators.P21.Faults;
using Payments.Simulators.P21.Store;

namespace Payments.P21Service.Tests.Returns;

/// <summary><see cref="RefundReturnPoster"/> against the P21 simulator: the RMA or journal of each refund, once, and its reversal.</summary>
[TestFixture]
public class When_posting_a_refunds_return_document
{
    static readonly DateTimeOffset RefundedAt = new(2026, 11, 20, 15, 0, 0, TimeSpan.Zero);
    P21Harness _p21 = null!;

    [SetUp]
    public async Task Start() => _p21 = await P21Harness.StartAsync();

    [TearDown]
    public async Task Stop() => await _p21.DisposeAsync();

    RefundReturnPoster Poster => _p21.Get<RefundReturnPoster>();

    static PostP21RefundReturn Refund(string refundId, long amountMinor, string scope = "Partial", string? orderNo = null, string? znodeOrder = null, string currency = "USD") => new()
    {
        CorrelationId = CorrelationKey.StripeRefund(refundId).ToGuid(), RefundId = refundId, ChargeId = "ch_" + refundId, AmountMinor = amountMinor, Currency = currency,
        Scope = scope, P21OrderNo = orderNo, ZnodeOrderNumber = znodeOrder, RefundedAt = RefundedAt,
    };

    /// <summary>An order of two widgets at 11.00 and a gadget at 49.99 (71.99) for Acme, as charge-to-order posts it.</summary>
    async Task<string> OrderAsync(string currency = "USD", long widgetMinor = 1100, long gadgetMinor = 4999) =>
        (await _p21.PostAsync(P21Harness.Payment(P21Seed.AcmeEmail, amountMinor: 2 * widgetMinor + gadgetMinor, currency: currency, lines:
        [
            new OrderLine { Sku = "WIDGET-001", Quantity = 2, UnitAmountMinor = widgetMinor },
            new OrderLine { Sku = "GADGET-200", Quantity = 1, UnitAmountMinor = gadgetMinor },
        ]))).OrderNo;

    int TransactionPosts => _p21.Simulator.Requests.Count(r => r.Route == P21Route.Transaction && r.Method == "POST");

    [Test]
    public async Task Should_post_a_partial_refund_as_an_rma_of_the_refund_item_for_the_refunds_own_amount()
    {
        var orderNo = await OrderAsync();

        var posted = await Poster.PostAsync(Refund("re_partial1", 3000, orderNo: orderNo), CancellationToken.None);

        var rma = _p21.Simulator.Store.FindOrder(posted.DocumentNumber)!;
        var order = _p21.Simulator.Store.FindOrder(orderNo)!;
        Assert.Multiple(() =>
        {
            Assert.That((posted.DocumentKind, posted.AmountMinor, posted.RefundId), Is.EqualTo(("rma", 3000L, "re_partial1")));
            Assert.That((rma.RmaFlag, rma.PoNo, rma.CustomerId, rma.ShipToId, rma.Approved), Is.EqualTo(("Y", "re_partial1", order.CustomerId, order.ShipToId, "N")));
            Assert.That(rma.Lines.Select(l => (l.ItemId, l.UnitQuantity, l.UnitPrice)), Is.EqualTo(new[] { (P21Seed.RefundItemId, 1m, 30.00m) }));
            Assert.That(rma.Taker, Is.EqualTo("WEBSTORE"), "the sales orders' taker when P21:Returns:Taker is empty");
        });
    }

    [Test]
    public async Task Should_post_a_full_refund_with_the_original_orders_lines()
    {
        var orderNo = await OrderAsync();

        var posted = await Poster.PostAsync(Refund("re_full1", 7199, "Full", orderNo), CancellationToken.None);

        Assert.That(_p21.Simulator.Store.FindOrder(posted.DocumentNumber)!.Lines.Select(l => (l.ItemId, l.UnitQuantity, l.UnitPrice)),
            Is.EqualTo(new[] { ("WIDGET-001", 2m, 11.00m), ("GADGET-200", 1m, 49.99m) }));
    }

    [Test]
    public async Task Should_not_return_the_original_lines_again_when_a_full_refund_follows_partial_ones()
    {
        var orderNo = await OrderAsync();

        await Poster.PostAsync(Refund("re_part30", 3000, orderNo: orderNo), CancellationToken.None);
        var last = await Poster.PostAsync(Refund("re_rest", 4199, "Full", orderNo), CancellationToken.None);

        Assert.That(_p21.Simulator.Store.FindOrder(last.DocumentNumber)!.Lines.Select(l => (l.ItemId, l.UnitQuantity, l.UnitPrice)),
            Is.EqualTo(new[] { (P21Seed.RefundItemId, 1m, 41.99m) }), "the goods are not returned twice; the last refund is its own amount");
    }

    [Test]
    public async Task Should_post_a_full_refund_as_the_refund_item_when_so_configured()
    {
        await _p21.DisposeAsync();
        _p21 = await P21Harness.StartAsync(settings: s => s["P21:Returns:FullRefund"] = "RefundItem");
        var orderNo = await OrderAsync();

        var posted = await Poster.PostAsync(Refund("re_full2", 7199, "Full", orderNo), CancellationToken.None);

        Assert.That(_p21.Simulator.Store.FindOrder(posted.DocumentNumber)!.Lines.Select(l => (l.ItemId, l.UnitPrice)), Is.EqualTo(new[] { (P21Seed.RefundItemId, 71.99m) }));
    }

    [TestCase("JPY", 5000L, 5000)]
    [TestCase("KWD", 12_340L, 12.34)]
    [TestCase("KWD", 1_005L, 1.005)]
    public async Task Should_price_the_refund_line_by_the_currencys_exponent(string currency, long amountMinor, decimal expected)
    {
        var orderNo = await OrderAsync(currency, 10_000, 20_000);

        var posted = await Poster.PostAsync(Refund("re_" + currency + amountMinor, amountMinor, orderNo: orderNo, currency: currency), CancellationToken.None);

        Assert.That(_p21.Simulator.Store.FindOrder(posted.DocumentNumber)!.Lines.Single().UnitPrice, Is.EqualTo(expected));
    }

    [Test]
    public async Task Should_find_the_rma_by_refund_id_instead_of_posting_it_twice()
    {
        var orderNo = await OrderAsync();
        var first = await Poster.PostAsync(Refund("re_twice", 3000, orderNo: orderNo), CancellationToken.None);
        var postsAfterFirst = TransactionPosts;

        var again = await Poster.PostAsync(Refund("re_twice", 3000, orderNo: orderNo), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(again.DocumentNumber, Is.EqualTo(first.DocumentNumber));
            Assert.That(_p21.Simulator.Store.Rmas, Has.Count.EqualTo(1));
            Assert.That(TransactionPosts, Is.EqualTo(postsAfterFirst));
        });
    }

    [Test]
    public async Task Should_book_two_partial_refunds_as_two_rmas_of_their_own_amounts()
    {
        var orderNo = await OrderAsync();

        await Poster.PostAsync(Refund("re_first30", 3000, orderNo: orderNo), CancellationToken.None);
        await Poster.PostAsync(Refund("re_then20", 2000, orderNo: orderNo), CancellationToken.None);

        Assert.That(_p21.Simulator.Store.Rmas.Select(r => (r.PoNo, r.Lines.Sum(l => l.ExtendedPrice))),
            Is.EquivalentTo(new[] { ("re_first30", 30.00m), ("re_then20", 20.00m) }), "each its own amount, never the cumulative 50.00");
    }

    [Test]
    public async Task Should_retry_a_locked_record_and_refuse_an_unknown_order()
    {
        var orderNo = await OrderAsync();
        _p21.Simulator.Faults.Inject(P21Route.Transaction, P21Fault.RecordLocked());

        var locked = Assert.ThrowsAsync<TransientFailureException>(() => Poster.PostAsync(Refund("re_locked", 3000, orderNo: orderNo), CancellationToken.None));
        var unknown = Assert.ThrowsAsync<PermanentFailureException>(() => Poster.PostAsync(Refund("re_unknown", 3000, orderNo: "9999999"), CancellationToken.None));
        var nowhere = Assert.ThrowsAsync<PermanentFailureException>(() => Poster.PostAsync(Refund("re_nowhere", 3000), CancellationToken.None));
        var retried = await Poster.PostAsync(Refund("re_locked", 3000, orderNo: orderNo), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(locked!.Message, Does.Contain("Record is locked"));
            Assert.That(unknown!.Message, Does.Contain("9999999 does not exist"));
            Assert.That(nowhere!.Message, Does.Contain("neither a P21 order nor a Znode order"));
            Assert.That(_p21.Simulator.Store.Rmas.Select(r => r.OrderNo), Is.EqualTo(new[] { retried.DocumentNumber }));
        });
    }

    [Test]
    public async Task Should_cancel_the_rma_of_a_failed_refund_once()
    {
        var orderNo = await OrderAsync();
        var posted = await Poster.PostAsync(Refund("re_fails", 3000, orderNo: orderNo), CancellationToken.None);
        var reverse = new ReverseP21RefundReturn
        {
            CorrelationId = posted.CorrelationId, RefundId = "re_fails", DocumentKind = posted.DocumentKind, DocumentNumber = posted.DocumentNumber,
            AmountMinor = 3000, Currency = "USD", Reason = "expired_or_canceled_card",
        };

        var reversed = await Poster.ReverseAsync(reverse, CancellationToken.None);
        var postsAfterCancel = TransactionPosts;
        await Poster.ReverseAsync(reverse, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(_p21.Simulator.Store.FindOrder(posted.DocumentNumber)!.CancelFlag, Is.EqualTo("Y"));
            Assert.That((reversed.DocumentKind, reversed.DocumentNumber, reversed.ReversalNumber), Is.EqualTo(("rma", posted.DocumentNumber, (string?)null)));
            Assert.That(TransactionPosts, Is.EqualTo(postsAfterCancel), "an RMA already cancelled is not cancelled again");
        });
    }

    [Test]
    public async Task Should_post_a_journal_instead_of_an_rma_when_so_configured_and_reverse_it_once()
    {
        await _p21.DisposeAsync();
        _p21 = await P21Harness.StartAsync(settings: s => s["P21:Returns:Document"] = "Journal");
        var orderNo = await OrderAsync();

        var posted = await Poster.PostAsync(Refund("re_journal", 2500, orderNo: orderNo), CancellationToken.None);
        var again = await Poster.PostAsync(Refund("re_journal", 2500, orderNo: orderNo), CancellationToken.None);
        var reverse = new ReverseP21RefundReturn
        {
            CorrelationId = posted.CorrelationId, RefundId = "re_journal", DocumentKind = "journal", DocumentNumber = posted.DocumentNumber,
            AmountMinor = 2500, Currency = "USD", Reason = "failed",
        };
        var reversed = await Poster.ReverseAsync(reverse, CancellationToken.None);
        var reversedAgain = await Poster.ReverseAsync(reverse, CancellationToken.None);

        var ledger = _p21.Simulator.Store.Ledger;
        Assert.Multiple(() =>
        {
            Assert.That((posted.DocumentKind, again.DocumentNumber), Is.EqualTo(("journal", posted.DocumentNumber)));
            Assert.That(_p21.Simulator.Store.Rmas, Is.Empty);
            Assert.That(ledger.Entry(long.Parse(posted.DocumentNumber, CultureInfo.InvariantCulture)).Select(l => (l.AccountNumber, l.Amount, l.Source)), Is.EqualTo(new[]
            {
                (P21Seed.CustomerDepositsAccount, 25.00m, "refund:re_journal"), (P21Seed.StripeClearingAccount, -25.00m, "refund:re_journal"),
            }));
            Assert.That(ledger.Entry(long.Parse(reversed.ReversalNumber!, CultureInfo.InvariantCulture)).Select(l => (l.AccountNumber, l.Amount)), Is.EqualTo(new[]
            {
                (P21Seed.CustomerDepositsAccount, -25.00m), (P21Seed.StripeClearingAccount, 25.00m),
            }));
            Assert.That(reversedAgain.ReversalNumber, Is.EqualTo(reversed.ReversalNumber));
            Assert.That(ledger.Lines.Select(l => l.TransactionNumber).Distinct().Count(), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task Should_wait_for_the_znode_orders_journal_then_reverse_the_refunds_amount()
    {
        var refund = Refund("re_znode", 1_500, znodeOrder: "ZN-7001");

        var early = Assert.ThrowsAsync<TransientFailureException>(() => Poster.PostAsync(refund, CancellationToken.None));
        await _p21.Get<JournalPoster>().PostAsync(new PostZnodeOrderJournal
        {
            CorrelationId = CorrelationKey.ZnodeOrder("ZN-7001").ToGuid(), OrderNumber = "ZN-7001", PaymentIntentId = "pi_znode7001", ChargeId = "ch_re_znode",
            AmountMinor = 4_000, Currency = "USD", PaidAt = RefundedAt.AddDays(-1),
        }, CancellationToken.None);
        var posted = await Poster.PostAsync(refund, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(early!.Message, Does.Contain("ZN-7001").And.Contain("not in P21 yet"));
            Assert.That(posted.DocumentKind, Is.EqualTo("journal"));
            Assert.That(_p21.Simulator.Store.Ledger.Entry(long.Parse(posted.DocumentNumber, CultureInfo.InvariantCulture)).Select(l => (l.AccountNumber, l.Amount)), Is.EqualTo(new[]
            {
                (P21Seed.CustomerDepositsAccount, 15.00m), (P21Seed.StripeClearingAccount, -15.00m),
            }));
        });
    }
}
