using Payments.Simulators.Stripe;
using Stripe;

namespace Payments.Simulators.Tests.Stripe;

/// <summary>Every object the fake serves, read back through Stripe.net 53 (the services' SDK): typed fields must come out right.</summary>
[TestFixture]
public class When_reading_the_fakes_objects_with_Stripe_net
{
    StripeApiFake _fake = null!;
    StripeClient _client = null!;
    Customer _customer = null!;
    PaymentIntent _intent = null!;
    Refund _refund = null!;
    string _payoutId = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _fake = await StripeApiFake.StartAsync();
        _client = StripeClients.For(_fake);
        _customer = await _client.V1.Customers.CreateAsync(new CustomerCreateOptions
        {
            Email = "ada@example.com", Name = "Ada Lovelace", Phone = "+15555550100",
            Address = new AddressOptions { Line1 = "1 Analytical Way", City = "London", PostalCode = "N1", Country = "GB" },
            Metadata = new() { ["p21_customer_id"] = "100198" },
        });
        _intent = await _client.V1.PaymentIntents.CreateAsync(new PaymentIntentCreateOptions
        {
            Amount = 9_999, Currency = "usd", Customer = _customer.Id, PaymentMethod = "pm_card_visa", Confirm = true, Description = "Order 12",
        });
        _refund = await _client.V1.Refunds.CreateAsync(new RefundCreateOptions { Charge = _intent.LatestChargeId, Amount = 999, Metadata = new() { ["rma"] = "R-1" } });
        _payoutId = (string)_fake.Account.RunPayouts("usd").Single()["id"]!;
    }

    [OneTimeTearDown]
    public async Task Stop() => await _fake.DisposeAsync();

    [Test]
    public async Task Should_read_a_customer()
    {
        var customer = await _client.V1.Customers.GetAsync(_customer.Id);

        Assert.Multiple(() =>
        {
            Assert.That(customer.Id, Does.StartWith("cus_"));
            Assert.That(customer.Email, Is.EqualTo("ada@example.com"));
            Assert.That(customer.Name, Is.EqualTo("Ada Lovelace"));
            Assert.That(customer.Address.City, Is.EqualTo("London"));
            Assert.That(customer.Metadata["p21_customer_id"], Is.EqualTo("100198"));
            Assert.That(customer.Created, Is.GreaterThan(DateTime.UtcNow.AddMinutes(-5)));
        });
    }

    [Test]
    public async Task Should_read_a_payment_intent_with_its_charge_expanded()
    {
        var intent = await _client.V1.PaymentIntents.GetAsync(_intent.Id, new PaymentIntentGetOptions { Expand = ["latest_charge", "customer"] });

        Assert.Multiple(() =>
        {
            Assert.That(intent.Amount, Is.EqualTo(9_999));
            Assert.That(intent.Status, Is.EqualTo("succeeded"));
            Assert.That(intent.LatestCharge.Id, Is.EqualTo(_intent.LatestChargeId));
            Assert.That(intent.LatestCharge.AmountRefunded, Is.EqualTo(999));
            Assert.That(intent.Customer.Email, Is.EqualTo("ada@example.com"));
            Assert.That(intent.Description, Is.EqualTo("Order 12"));
        });
    }

    [Test]
    public async Task Should_read_a_charge_with_its_balance_transaction_expanded()
    {
        var charge = await _client.V1.Charges.GetAsync(_intent.LatestChargeId, new ChargeGetOptions { Expand = ["balance_transaction"] });

        Assert.Multiple(() =>
        {
            Assert.That(charge.Amount, Is.EqualTo(9_999));
            Assert.That(charge.AmountCaptured, Is.EqualTo(9_999));
            Assert.That(charge.Captured, Is.True);
            Assert.That(charge.Description, Is.EqualTo("Order 12"));
            Assert.That(charge.BalanceTransaction.Fee, Is.EqualTo(320));
            Assert.That(charge.BalanceTransaction.Net, Is.EqualTo(9_999 - 320));
            Assert.That(charge.Outcome.RiskLevel, Is.EqualTo("normal"));
        });
    }

    [Test]
    public async Task Should_read_a_refund_and_list_it()
    {
        var refund = await _client.V1.Refunds.GetAsync(_refund.Id);
        var listed = await _client.V1.Refunds.ListAsync(new RefundListOptions { PaymentIntent = _intent.Id });

        Assert.Multiple(() =>
        {
            Assert.That(refund.Amount, Is.EqualTo(999));
            Assert.That(refund.ChargeId, Is.EqualTo(_intent.LatestChargeId));
            Assert.That(refund.PaymentIntentId, Is.EqualTo(_intent.Id));
            Assert.That(refund.Metadata["rma"], Is.EqualTo("R-1"));
            Assert.That(listed.Data.Single().Id, Is.EqualTo(refund.Id));
        });
    }

    [Test]
    public async Task Should_read_a_payout_its_balance_transactions_and_the_balance()
    {
        var payout = await _client.V1.Payouts.GetAsync(_payoutId, new PayoutGetOptions { Expand = ["balance_transaction"] });
        var payouts = await _client.V1.Payouts.ListAsync(new PayoutListOptions { Status = "paid" });
        var transactions = await _client.V1.BalanceTransactions.ListAsync(new BalanceTransactionListOptions { Payout = _payoutId, Limit = 100 });
        var balance = await _client.V1.Balance.GetAsync();

        Assert.Multiple(() =>
        {
            Assert.That(payout.Id, Does.StartWith("po_"));
            Assert.That(payout.Currency, Is.EqualTo("usd"));
            Assert.That(payout.BalanceTransaction.Amount, Is.EqualTo(-payout.Amount));
            Assert.That(payout.DestinationId, Does.StartWith("ba_"));
            Assert.That(payouts.Data.Select(p => p.Id), Is.EqualTo(new[] { _payoutId }));
            Assert.That(transactions.Data.Select(t => t.Id), Does.Contain("txn_1PgaxNB7WZ01zgkWEV3TLf40"), "the fixture charge's transaction was available too");
            Assert.That(balance.Object, Is.EqualTo("balance"));
            Assert.That(balance.Available.Single().Amount, Is.Zero);
        });
    }

    [Test]
    public async Task Should_read_events_with_their_typed_objects()
    {
        var events = _client.V1.Events.ListAutoPaging(new EventListOptions { Limit = 3 }).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(events, Has.Count.EqualTo(_fake.Account.Events.Count));
            Assert.That(events.Select(e => e.Data.Object?.GetType().Name), Is.All.Not.Null);
            Assert.That(events.Single(e => e.Type == EventTypes.PayoutPaid).Data.Object, Is.TypeOf<Payout>());
            Assert.That(events.Single(e => e.Type == EventTypes.CustomerCreated).Data.Object, Is.TypeOf<Customer>());
            Assert.That(events.Single(e => e.Type == EventTypes.PayoutPaid).Data.PreviousAttributes, Is.Not.Null);
        });
    }

    [Test]
    public async Task Should_update_and_delete_a_customer()
    {
        var customer = await _client.V1.Customers.CreateAsync(new CustomerCreateOptions { Email = "temp@example.com" });

        var updated = await _client.V1.Customers.UpdateAsync(customer.Id, new CustomerUpdateOptions { Name = "Temp", Metadata = new() { ["a"] = "1" } });
        var deleted = await _client.V1.Customers.DeleteAsync(customer.Id);
        var gone = await _client.V1.Customers.GetAsync(customer.Id);
        var listed = _client.V1.Customers.ListAutoPaging().Select(c => c.Id).ToList();
        var update = _fake.Account.Events.First(e => e.Type == "customer.updated");

        Assert.Multiple(() =>
        {
            Assert.That(updated.Name, Is.EqualTo("Temp"));
            Assert.That(deleted.Deleted, Is.True);
            Assert.That(gone.Deleted, Is.True);
            Assert.That(listed, Does.Not.Contain(customer.Id));
            Assert.That(update.Event["data"]!["previous_attributes"]!["name"], Is.Null);
            Assert.That(update.Event["data"]!["previous_attributes"]!.AsObject().ContainsKey("name"), Is.True);
        });
    }
}
