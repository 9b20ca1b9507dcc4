using Payments.Contracts.Shared;
using Payments.Contracts.ZnodeOrderToCash;
using Payments.P21Service.Journals;
using Payments.ServiceDefaults.Failures;
using Payments.Simulators.P21.Faults;
using Payments.Simulators.P21.Store;
using Payments.Simulators.Shared.Faults;

namespace Payments.P21Service.Tests.Journals;

/// <summary><see cref="JournalPoster"/> against the P21 simulator's general ledger.</summary>
[TestFixture]
public class When_posting_a_Znode_orders_journal_entry
{
    P21Harness _p21 = null!;

    [SetUp]
    public async Task Start() => _p21 = await P21Harness.StartAsync();

    [TearDown]
    public async Task Stop() => await _p21.DisposeAsync();

    static PostZnodeOrderJournal Command(string orderNumber = "ZN-1001", long amountMinor = 10_825, string currency = "USD") => new()
    {
        CorrelationId = CorrelationKey.ZnodeOrder(orderNumber).ToGuid(),
        OrderNumber = orderNumber,
        PaymentIntentId = "pi_3Znode1001",
        ChargeId = "ch_3Znode1001",
        AmountMinor = amountMinor,
        Currency = currency,
        // 22:30 on 29 November in New York (the harness's ERP zone), already 30 November in UTC.
        PaidAt = new DateTimeOffset(2026, 11, 30, 3, 30, 0, TimeSpan.Zero),
    };

    Task<ZnodeOrderJournalPosted> PostAsync(PostZnodeOrderJournal command) => _p21.Get<JournalPoster>().PostAsync(command, CancellationToken.None);

    int GlPosts => _p21.Simulator.Requests.Count(r => r.Route == P21Route.Gl && r.Method == "POST");

    [Test]
    public async Task Should_debit_and_credit_the_configured_accounts_in_one_balanced_entry()
    {
        var posted = await PostAsync(Command());

        var lines = _p21.Simulator.Store.Ledger.Lines;
        Assert.Multiple(() =>
        {
            Assert.That(lines.Select(l => (l.AccountNumber, l.Amount)), Is.EqualTo(new[]
            {
                (P21Seed.StripeClearingAccount, 108.25m), (P21Seed.CustomerDepositsAccount, -108.25m),
            }));
            Assert.That(lines.Select(l => l.TransactionNumber).Distinct().Single().ToString(System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(posted.JournalReference));
            Assert.That(lines.Select(l => (l.CompanyNo, l.JournalId, l.Period, l.YearForPeriod)), Is.All.EqualTo(("ACME", "CR", 11, 2026)));
            Assert.That(lines.Select(l => l.TransactionDate), Is.All.EqualTo(new DateTime(2026, 11, 29, 22, 30, 0)));
            Assert.That(lines.Select(l => l.Source), Is.All.EqualTo("znode:ZN-1001:pi_3Znode1001"));
            Assert.That(lines.Select(l => l.Description), Is.All.EqualTo("Znode order ZN-1001 paid by Stripe ch_3Znode1001"));
            Assert.That((posted.OrderNumber, posted.AlreadyExisted), Is.EqualTo(("ZN-1001", false)));
        });
    }

    [Test]
    public async Task Should_find_the_entry_again_instead_of_posting_twice()
    {
        var first = await PostAsync(Command());
        var again = await PostAsync(Command());

        Assert.That((again.JournalReference, again.AlreadyExisted), Is.EqualTo((first.JournalReference, true)));
        Assert.That(_p21.Simulator.Store.Ledger.Lines, Has.Count.EqualTo(2));
        Assert.That(GlPosts, Is.EqualTo(1));
    }

    [Test]
    public async Task Should_keep_the_reference_in_the_description_when_configured_so()
    {
        await _p21.DisposeAsync();
        _p21 = await P21Harness.StartAsync(settings: s => s["P21:Journals:ReferenceField"] = "description");

        var first = await PostAsync(Command());
        var again = await PostAsync(Command());

        Assert.That(_p21.Simulator.Store.Ledger.Lines.Select(l => l.Description), Is.All.EqualTo("znode:ZN-1001:pi_3Znode1001"));
        Assert.That((again.JournalReference, again.AlreadyExisted, GlPosts), Is.EqualTo((first.JournalReference, true, 1)));
    }

    [Test]
    public void Should_fail_permanently_in_P21s_words_when_P21_says_the_records_do_not_balance()
    {
        // What P21 answers to an entry whose lines do not sum to zero (docs/external-apis/p21.md#gl-journal); our lines always
        // balance, so the refusal is injected.
        _p21.Simulator.Faults.Inject(P21Route.Gl, new Fault
        {
            Status = 500,
            Body = """{"DateTimeStamp":"2026-11-29T22:30:00","ErrorMessage":"Records do not balance","ErrorType":"P21.Business.Common.BusinessException","HostName":"P21SERVER","InnerException":null}""",
        });

        var refused = Assert.ThrowsAsync<PermanentFailureException>(() => PostAsync(Command()))!;

        Assert.That(refused.Reason, Is.EqualTo("P21 refused the journal entry of Znode order ZN-1001: Records do not balance"));
        Assert.That(refused.System, Is.EqualTo("P21"));
    }

    [Test]
    public async Task Should_fail_permanently_when_P21_does_not_know_an_account()
    {
        await _p21.DisposeAsync();
        _p21 = await P21Harness.StartAsync(settings: s => s["P21:Journals:CreditAccount"] = "40199999");

        var refused = Assert.ThrowsAsync<PermanentFailureException>(() => PostAsync(Command()))!;

        Assert.That(refused.Reason, Does.Contain("'40199999' is not valid"));
        Assert.That(_p21.Simulator.Store.Ledger.Lines, Is.Empty);
    }

    [Test]
    public void Should_treat_a_server_error_without_P21s_business_refusal_as_transient()
    {
        _p21.Simulator.Faults.Inject(P21Route.Gl, P21Fault.ServerError("Timeout expired"));

        Assert.ThrowsAsync<TransientFailureException>(() => PostAsync(Command()));
    }

    [Test]
    public void Should_refuse_a_payment_in_another_currency_than_the_ledgers_before_calling_P21()
    {
        var calls = _p21.Simulator.Requests.Count;

        var refused = Assert.ThrowsAsync<PermanentFailureException>(() => PostAsync(Command(currency: "EUR")))!;

        Assert.That(refused.Reason, Does.Contain("paid in EUR").And.Contain("kept in USD").And.Contain("P21:Journals:LedgerCurrency"));
        Assert.That(_p21.Simulator.Requests.Count, Is.EqualTo(calls));
    }
}
