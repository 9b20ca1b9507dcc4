using Payments.Contracts.ChargeToOrder;
using Payments.Contracts.Shared;
using Payments.ServiceDefaults.Failures;
using Payments.Simulators.P21.Faults;
using Payments.Simulators.P21.Store;

namespace Payments.P21Service.Tests.SalesOrders;

[TestFixture]
public class When_posting_a_paid_charge_as_a_p21_sales_order
{
    P21Harness _harness = null!;

    [OneTimeSetUp]
    public async Task Start() => _harness = await P21Harness.StartAsync();

    [OneTimeTearDown]
    public async Task Stop() => await _harness.DisposeAsync();

    [TearDown]
    public void ClearFaults() => _harness.Simulator.Faults.Clear();

    IReadOnlyList<P21OrderRecord> OrdersFor(string chargeId) => _harness.Simulator.Store.FindOrdersByReference(chargeId);

    static Dictionary<string, string> CustomerMetadata(long id) => new() { [StripeMetadataKeys.P21CustomerId] = id.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    [Test]
    public async Task Should_create_the_order_with_its_lines_and_the_charge_reference()
    {
        var payment = P21Harness.Payment(amountMinor: 5443, metadata: CustomerMetadata(P21Seed.BirchCustomerId), lines:
        [
            new OrderLine { Sku = "widget-001", Quantity = 2, UnitAmountMinor = 1234 },
            new OrderLine { Sku = "GADGET-200", Quantity = 1, UnitAmountMinor = 2975 },
        ]);

        var posted = await _harness.PostAsync(payment);

        var order = OrdersFor(payment.ChargeId).Single();
        Assert.Multiple(() =>
        {
            Assert.That(posted.OrderNo, Is.EqualTo(order.OrderNo).And.Match(@"^\d{7}$"));
            Assert.That(posted.AlreadyExisted, Is.False);
            Assert.That(posted.CustomerCreated, Is.False);
            Assert.That(posted.CustomerId, Is.EqualTo(P21Seed.BirchCustomerId));
            Assert.That(order.CustomerId, Is.EqualTo(P21Seed.BirchCustomerId));
            Assert.That(order.ShipToId, Is.EqualTo(P21Seed.BirchCustomerId));
            Assert.That(order.Taker, Is.EqualTo("WEBSTORE"));
            Assert.That(order.Lines.Select(l => (l.ItemId, l.UnitQuantity, l.UnitPrice)),
                Is.EqualTo(new[] { ("WIDGET-001", 2m, 12.34m), ("GADGET-200", 1m, 29.75m) }));
        });
    }

    [Test]
    public async Task Should_ship_to_the_customers_own_ship_to_when_it_is_numbered_differently()
    {
        var customer = _harness.Simulator.Store.AddCustomer(new P21CustomerRecord
        {
            CustomerId = 0, CompanyId = "ACME", CustomerName = "Two Sites Ltd", SalesrepId = "1100", DefaultBranch = "10", ShipToIds = [700, 650],
        });
        var payment = P21Harness.Payment(metadata: CustomerMetadata(customer.CustomerId));
        await _harness.PostAsync(payment);
        Assert.That(OrdersFor(payment.ChargeId).Single().ShipToId, Is.EqualTo(650));
    }

    [Test]
    public async Task Should_find_the_customer_by_the_email_on_the_corp_address_or_a_contact()
    {
        var byAddress = await _harness.PostAsync(P21Harness.Payment("  AP@Acme-Supply.example "));
        var byContact = await _harness.PostAsync(P21Harness.Payment(P21Seed.BirchContactEmail));
        Assert.Multiple(() =>
        {
            Assert.That(byAddress.CustomerId, Is.EqualTo(P21Seed.AcmeCustomerId));
            Assert.That(byContact.CustomerId, Is.EqualTo(P21Seed.BirchCustomerId));
            Assert.That(byAddress.CustomerCreated || byContact.CustomerCreated, Is.False);
        });
    }

    [Test]
    public async Task Should_create_an_unknown_payer_once_and_find_them_by_email_next_time()
    {
        var email = $"new-{Guid.NewGuid():N}@example.com";
        var first = await _harness.PostAsync(P21Harness.Payment(email) with { ShippingAddress = new Address { Line1 = "9 Elm St", City = "Austin", State = "TX", PostalCode = "78701" } });
        var second = await _harness.PostAsync(P21Harness.Payment(email));

        var customer = _harness.Simulator.Store.FindCustomer(first.CustomerId);
        Assert.Multiple(() =>
        {
            Assert.That(first.CustomerCreated, Is.True);
            Assert.That(second.CustomerCreated, Is.False);
            Assert.That(second.CustomerId, Is.EqualTo(first.CustomerId));
            Assert.That(customer?.EmailAddress, Is.EqualTo(email));
            Assert.That(customer?.SalesrepId, Is.EqualTo("1100"));
            Assert.That(customer?.MailCity, Is.EqualTo("Austin"));
        });
    }

    [Test]
    public void Should_refuse_a_metadata_customer_id_that_is_not_an_active_customer()
    {
        var payment = P21Harness.Payment(P21Seed.AcmeEmail, metadata: CustomerMetadata(P21Seed.DeletedCustomerId));
        var error = Assert.ThrowsAsync<PermanentFailureException>(() => _harness.PostAsync(payment))!;
        Assert.Multiple(() =>
        {
            Assert.That(error.Reason, Does.Contain(P21Seed.DeletedCustomerId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(OrdersFor(payment.ChargeId), Is.Empty);
        });
    }

    [Test]
    public void Should_fail_permanently_when_an_item_is_not_in_the_item_master()
    {
        var payment = P21Harness.Payment(P21Seed.AcmeEmail, lines: [new OrderLine { Sku = "WIDGET-001" }, new OrderLine { Sku = "no-such-sku" }, new OrderLine { Sku = "OLD-PART" }]);
        var error = Assert.ThrowsAsync<PermanentFailureException>(() => _harness.PostAsync(payment))!;
        Assert.Multiple(() =>
        {
            Assert.That(error.System, Is.EqualTo("P21"));
            Assert.That(error.Reason, Does.Contain("'NO-SUCH-SKU'").And.Contain("'OLD-PART'").And.Not.Contain("WIDGET"));
            Assert.That(OrdersFor(payment.ChargeId), Is.Empty);
        });
    }

    [Test]
    public void Should_not_create_the_customer_when_an_item_is_unknown()
    {
        var email = $"new-{Guid.NewGuid():N}@example.com";
        Assert.ThrowsAsync<PermanentFailureException>(() => _harness.PostAsync(P21Harness.Payment(email, lines: [new OrderLine { Sku = "NO-SUCH-SKU" }])));
        Assert.That(_harness.Simulator.Store.Customers.Any(c => c.EmailAddress == email), Is.False);
    }

    [Test]
    public async Task Should_announce_the_created_order_even_when_the_read_back_fails()
    {
        var payment = P21Harness.Payment(P21Seed.AcmeEmail);
        // Six OData look-ups precede the order (reference, items, contacts, addresses, customers, ship-to); the seventh reads it back.
        _harness.Simulator.Faults.Inject(P21Route.OData, P21Fault.ServerError(), after: 6);

        var posted = await _harness.PostAsync(payment);

        Assert.Multiple(() =>
        {
            Assert.That(_harness.Simulator.Faults.Pending(P21Route.OData), Is.Zero, "the read-back met the fault");
            Assert.That(posted.AlreadyExisted, Is.False);
            Assert.That(OrdersFor(payment.ChargeId).Single().OrderNo, Is.EqualTo(posted.OrderNo));
        });
    }

    [Test]
    public void Should_fail_permanently_with_p21s_words_when_a_business_rule_refuses_the_order()
    {
        _harness.Simulator.Faults.Inject(P21Route.Transaction, P21Fault.BusinessRuleFailure("General Exception: Tab page is disabled and cannot be selected"));
        var payment = P21Harness.Payment(P21Seed.AcmeEmail);
        var error = Assert.ThrowsAsync<PermanentFailureException>(() => _harness.PostAsync(payment))!;
        Assert.Multiple(() =>
        {
            Assert.That(error.Reason, Does.Contain("Transaction 1:: General Exception: Tab page is disabled and cannot be selected"));
            Assert.That(OrdersFor(payment.ChargeId), Is.Empty);
        });
    }

    [Test]
    public void Should_fail_transiently_on_a_server_error()
    {
        _harness.Simulator.Faults.Inject(P21Route.Transaction, P21Fault.ServerError());
        var payment = P21Harness.Payment(P21Seed.AcmeEmail);
        var error = Assert.ThrowsAsync<TransientFailureException>(() => _harness.PostAsync(payment))!;
        Assert.Multiple(() =>
        {
            Assert.That(error.Message, Does.Contain("500"));
            Assert.That(OrdersFor(payment.ChargeId), Is.Empty);
        });
    }

    [Test]
    public void Should_pass_on_p21s_retry_after_when_throttled()
    {
        _harness.Simulator.Faults.Inject(P21Route.OData, P21Fault.TooManyRequests(TimeSpan.FromSeconds(30)));
        var error = Assert.ThrowsAsync<TransientFailureException>(() => _harness.PostAsync(P21Harness.Payment(P21Seed.AcmeEmail)))!;
        Assert.That(error.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(30)));
    }

    [Test]
    public async Task Should_find_the_existing_order_when_the_same_charge_is_posted_again()
    {
        var payment = P21Harness.Payment(P21Seed.AcmeEmail);
        var first = await _harness.PostAsync(payment);
        var second = await _harness.PostAsync(payment);

        Assert.Multiple(() =>
        {
            Assert.That(OrdersFor(payment.ChargeId), Has.Count.EqualTo(1));
            Assert.That(second.AlreadyExisted, Is.True);
            Assert.That(second.OrderNo, Is.EqualTo(first.OrderNo));
            Assert.That(second.CustomerId, Is.EqualTo(first.CustomerId));
        });
    }

    [Test]
    public async Task Should_post_the_whole_amount_on_the_default_item_for_a_zero_decimal_currency()
    {
        var payment = P21Harness.Payment(P21Seed.AcmeEmail, amountMinor: 5000, currency: "JPY");
        await _harness.PostAsync(payment);

        var line = OrdersFor(payment.ChargeId).Single().Lines.Single();
        Assert.That((line.ItemId, line.UnitQuantity, line.UnitPrice), Is.EqualTo(("STRIPE-SALE", 1m, 5000m)));
    }

    [Test]
    public async Task Should_post_the_whole_amount_in_major_units_for_a_two_decimal_currency()
    {
        var payment = P21Harness.Payment(P21Seed.AcmeEmail, amountMinor: 12345, currency: "usd");
        await _harness.PostAsync(payment);
        Assert.That(OrdersFor(payment.ChargeId).Single().Lines.Single().UnitPrice, Is.EqualTo(123.45m));
    }

    [Test]
    public async Task Should_date_the_order_on_the_erp_calendar_day()
    {
        // 03:30 UTC on 10 March is still 9 March in New York.
        var payment = P21Harness.Payment(P21Seed.AcmeEmail, paidAt: DateTimeOffset.Parse("2026-03-10T03:30:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await _harness.PostAsync(payment);

        var order = OrdersFor(payment.ChargeId).Single();
        Assert.Multiple(() =>
        {
            Assert.That(order.OrderDate, Is.EqualTo(new DateTime(2026, 3, 9)));
            Assert.That(order.RequestedDate, Is.EqualTo(new DateTime(2026, 3, 10)));
        });
    }

    [Test]
    public async Task Should_merge_lines_of_the_same_item_which_p21_would_collapse()
    {
        var payment = P21Harness.Payment(P21Seed.AcmeEmail, lines:
        [
            new OrderLine { Sku = "WIDGET-001", Quantity = 1, UnitAmountMinor = 1250 },
            new OrderLine { Sku = "widget-001 ", Quantity = 3, UnitAmountMinor = 1250 },
        ]);
        await _harness.PostAsync(payment);

        var line = OrdersFor(payment.ChargeId).Single().Lines.Single();
        Assert.That((line.ItemId, line.UnitQuantity), Is.EqualTo(("WIDGET-001", 4m)));
    }

    [Test]
    public void Should_refuse_a_payment_without_email_or_customer_id_when_no_walk_in_customer_is_configured()
    {
        var payment = P21Harness.Payment(email: null);
        var error = Assert.ThrowsAsync<PermanentFailureException>(() => _harness.PostAsync(payment))!;
        Assert.Multiple(() =>
        {
            Assert.That(error.Reason, Does.Contain("WalkInCustomerId"));
            Assert.That(OrdersFor(payment.ChargeId), Is.Empty);
        });
    }
}

[TestFixture]
public class When_p21_answers_after_the_client_gave_up
{
    // P21's pool is idle here (no wait for an instance): the slowness is P21's own work on the order.
    static Task<P21Harness> StartAsync() => P21Harness.StartAsync(settings: s =>
    {
        s["P21:RequestTimeout"] = "00:00:01";
        s["P21:SessionPoolWait"] = "00:00:00";
    });

    [Test]
    public async Task Should_find_the_order_p21_created_anyway_on_the_retry()
    {
        await using var harness = await StartAsync();
        harness.Simulator.Faults.Inject(P21Route.Transaction, P21Fault.Slow(TimeSpan.FromSeconds(3)));
        var payment = P21Harness.Payment(P21Seed.AcmeEmail);

        var error = Assert.ThrowsAsync<TransientFailureException>(() => harness.PostAsync(payment))!;
        // A retry sooner than this could look before P21 finishes and post a second order.
        Assert.That(error.RetryAfter, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(1)));
        await harness.Simulator.WaitUntilIdleAsync();
        var retry = await harness.PostAsync(payment);

        Assert.Multiple(() =>
        {
            Assert.That(retry.AlreadyExisted, Is.True);
            Assert.That(harness.Simulator.Store.FindOrdersByReference(payment.ChargeId), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task Should_not_post_again_while_the_abandoned_create_may_still_run_even_when_retried_too_soon()
    {
        await using var harness = await StartAsync();
        harness.Simulator.Faults.Inject(P21Route.Transaction, P21Fault.Slow(TimeSpan.FromSeconds(1.6)));
        var payment = P21Harness.Payment(P21Seed.AcmeEmail);

        Assert.ThrowsAsync<TransientFailureException>(() => harness.PostAsync(payment));
        var tooSoon = Assert.ThrowsAsync<TransientFailureException>(() => harness.PostAsync(payment))!;
        await harness.Simulator.WaitUntilIdleAsync();
        await Task.Delay(tooSoon.RetryAfter ?? TimeSpan.Zero);
        var retry = await harness.PostAsync(payment);

        Assert.Multiple(() =>
        {
            Assert.That(tooSoon.Message, Does.Contain("may still be created"));
            Assert.That(tooSoon.RetryAfter, Is.GreaterThan(TimeSpan.Zero).And.LessThanOrEqualTo(TimeSpan.FromSeconds(1)));
            Assert.That(retry.AlreadyExisted, Is.True);
            Assert.That(harness.Simulator.Requests.Count(r => r.Route == P21Route.Transaction), Is.EqualTo(1), "one create sent");
            Assert.That(harness.Simulator.Store.FindOrdersByReference(payment.ChargeId), Has.Count.EqualTo(1));
        });
    }
}

[TestFixture]
public class When_p21_does_not_accept_web_reference_no
{
    [Test]
    public async Task Should_refuse_the_order_while_the_reference_field_is_web_reference_no()
    {
        await using var harness = await P21Harness.StartAsync(s => s.WebReferenceNoWritable = false);
        var error = Assert.ThrowsAsync<PermanentFailureException>(() => harness.PostAsync(P21Harness.Payment(P21Seed.AcmeEmail)))!;
        Assert.That(error.Reason, Does.Contain("Invalid column name: web_reference_no"));
    }

    [Test]
    public async Task Should_keep_the_charge_id_in_po_no_when_so_configured_and_still_post_once()
    {
        await using var harness = await P21Harness.StartAsync(s => s.WebReferenceNoWritable = false, s => s["P21:SalesOrders:OrderReferenceField"] = "po_no");
        var payment = P21Harness.Payment(P21Seed.AcmeEmail);
        await harness.PostAsync(payment);
        var again = await harness.PostAsync(payment);

        var orders = harness.Simulator.Store.Orders.Where(o => o.PoNo == payment.ChargeId).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(orders, Has.Count.EqualTo(1));
            Assert.That(again.AlreadyExisted, Is.True);
        });
    }
}

[TestFixture]
public class When_p21_expires_the_token_between_calls
{
    [Test]
    public async Task Should_reissue_the_token_and_post_the_order_body_again()
    {
        await using var harness = await P21Harness.StartAsync();
        await harness.PostAsync(P21Harness.Payment(P21Seed.AcmeEmail)); // warm: token cached, UI server known
        harness.Simulator.ExpireAllTokens();
        harness.Simulator.Faults.Inject(P21Route.Transaction, P21Fault.Unauthorized()); // the first order POST is refused once more

        var payment = P21Harness.Payment(P21Seed.AcmeEmail, lines: [new OrderLine { Sku = "GADGET-200", Quantity = 3 }]);
        var posted = await harness.PostAsync(payment);

        var transactionCalls = harness.Simulator.Requests.Where(r => r.Route == P21Route.Transaction).Select(r => r.StatusCode).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(transactionCalls, Is.EqualTo(new[] { 200, 401, 200 }));
            Assert.That(harness.Simulator.Store.FindOrder(posted.OrderNo)?.Lines.Single().UnitQuantity, Is.EqualTo(3m));
            Assert.That(harness.Simulator.TokensIssued, Is.EqualTo(3));
        });
    }
}
