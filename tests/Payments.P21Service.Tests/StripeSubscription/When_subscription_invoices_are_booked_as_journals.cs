using Payments.Contracts.Shared;
using Payments.Contracts.StripeSubscription;
using Payments.Simulators.P21.Store;

namespace Payments.P21Service.Tests.StripeSubscription;

/// <summary><c>P21:Subscriptions:Document = Journal</c>: the invoice's total debited, each line credited (a proration credit debited), once.</summary>
[TestFixture]
public class When_subscription_invoices_are_booked_as_journals
{
    P21BusHost<SubscriptionSagaStandIn> _host = null!;

    [OneTimeSetUp]
    public async Task Start() => _host = await P21BusHost<SubscriptionSagaStandIn>.StartAsync(settings =>
    {
        settings["P21:Subscriptions:Document"] = "Journal";
        settings["P21:Subscriptions:JournalDebitAccount"] = P21Seed.StripeClearingAccount;
        settings["P21:Subscriptions:JournalCreditAccount"] = P21Seed.WebSalesAccount;
        settings["P21:Subscriptions:Items:price_std"] = P21Seed.SubscriptionStandardItemId;
        settings["P21:Subscriptions:Items:prod_pro"] = P21Seed.SubscriptionProItemId;
    });

    [OneTimeTearDown]
    public async Task Stop() => await _host.DisposeAsync();

    [Test]
    public async Task Should_post_one_balanced_journal_with_a_line_each_and_find_it_on_replay()
    {
        var lines = new[]
        {
            new SubscriptionInvoiceLine { LineId = "il_credit", AmountMinor = -1_450, PriceId = "price_std", ProductId = "prod_std", Proration = true, Description = "Unused time on Standard" },
            new SubscriptionInvoiceLine { LineId = "il_rest", AmountMinor = 2_450, PriceId = "price_pro", ProductId = "prod_pro", Proration = true, Description = "Remaining time on Pro" },
        };
        var command = new PostSubscriptionInvoice
        {
            CorrelationId = CorrelationKey.StripeSubscription("sub_journal").ToGuid(), P21CustomerId = P21Seed.AcmeCustomerId,
            Invoice = new SubscriptionInvoice
            {
                InvoiceId = "in_journal", SubscriptionId = "sub_journal", StripeCustomerId = "cus_journal", Currency = "USD", TotalMinor = 1_000, AmountDueMinor = 1_000,
                AmountPaidMinor = 1_000, Lines = lines, BillingReason = "subscription_update", PaidAt = DateTimeOffset.Parse("2026-04-15T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
            },
        };

        await _host.Harness.Bus.Publish(command);
        var posted = await _host.PublishedAsync<SubscriptionInvoicePosted>(m => m.InvoiceId == "in_journal" && !m.AlreadyExisted);
        await _host.Harness.Bus.Publish(command with { });
        var replayed = await _host.PublishedAsync<SubscriptionInvoicePosted>(m => m.InvoiceId == "in_journal" && m.AlreadyExisted);

        var entry = _host.Simulator.Store.Ledger.Lines.Where(l => l.Source == "stripe-invoice:in_journal").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(posted?.DocumentKind, Is.EqualTo("Journal"));
            Assert.That(replayed?.DocumentNumber, Is.EqualTo(posted?.DocumentNumber));
            Assert.That((replayed?.P21CustomerId), Is.EqualTo(P21Seed.AcmeCustomerId));
            Assert.That(entry.Select(l => (l.AccountNumber, l.Amount)), Is.EquivalentTo(new[]
            {
                (P21Seed.StripeClearingAccount, 10.00m), (P21Seed.WebSalesAccount, 14.50m), (P21Seed.WebSalesAccount, -24.50m),
            }));
        });
    }
}
