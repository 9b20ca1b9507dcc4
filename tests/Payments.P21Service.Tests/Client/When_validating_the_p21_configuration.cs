using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Payments.P21Service.Client;
using Payments.ServiceDefaults.Configuration;

namespace Payments.P21Service.Tests.Client;

/// <summary>Every section of the P21 service (<c>P21</c>, <c>P21:Http</c>, <c>P21:SalesOrders</c>, <c>P21:Customers</c>, <c>P21:Journals</c>, <c>P21:Returns</c>, <c>P21:Holds</c>, <c>P21:Disputes</c>, <c>P21:Payouts</c>) is checked when the host starts.</summary>
[TestFixture]
public class When_validating_the_p21_configuration
{
    static Dictionary<string, string?> Complete() => PayoutAccountRules.AddTo(new()
    {
        ["Database:Provider"] = "Sqlite",
        ["ConnectionStrings:P21Service"] = $"Data Source={Path.Combine(Path.GetTempPath(), "payments-p21-options-never-created.db")}",
        ["P21:BaseUrl"] = "https://p21.example.com",
        ["P21:Username"] = "api_user",
        ["P21:Password"] = "secret",
        ["P21:CompanyId"] = "ACME",
        ["P21:ErpTimeZone"] = "America/Chicago",
        ["P21:SalesOrders:SalesLocationId"] = "10",
        ["P21:SalesOrders:SourceLocationId"] = "10",
        ["P21:Customers:SalesrepId"] = "1100",
        ["P21:Customers:DefaultBranch"] = "10",
        ["P21:Journals:DebitAccount"] = "11120010",
        ["P21:Journals:CreditAccount"] = "21500000",
        ["P21:Journals:JournalId"] = "CR",
        ["P21:Disputes:DisputedFundsAccount"] = "12950000",
        ["P21:Disputes:FeeAccount"] = "68100000",
    });

    /// <summary>Builds the service as Program.cs does and starts it; returns every problem reported and the lines logged.</summary>
    static async Task<(IReadOnlyList<string> Failures, IReadOnlyList<string> Logged)> StartAsync(Dictionary<string, string?> settings)
    {
        var logged = new CapturingLoggerProvider();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.AddProvider(logged);
        builder.AddP21Service();
        using var host = builder.Build();
        try
        {
            await host.StartAsync();
            await host.StopAsync();
            return ([], logged.Lines);
        }
        catch (OptionsValidationException e)
        {
            return (e.Failures.ToList(), logged.Lines);
        }
        catch (AggregateException e) when (e.InnerExceptions.All(i => i is OptionsValidationException))
        {
            return (e.InnerExceptions.Cast<OptionsValidationException>().SelectMany(i => i.Failures).ToList(), logged.Lines);
        }
    }

    [Test]
    public async Task Should_name_every_problem_in_every_section_once_by_its_key()
    {
        var settings = Complete();
        settings["P21:BaseUrl"] = "p21.example.com";
        settings.Remove("P21:Password");
        settings["P21:ErpTimeZone"] = "Mars/Olympus";
        settings["P21:Http:MaxConcurrentRequests"] = "0";
        settings.Remove("P21:SalesOrders:SourceLocationId");
        settings["P21:SalesOrders:OrderReferenceField"] = "order_no";
        settings.Remove("P21:Customers:SalesrepId");
        settings["P21:Customers:WalkInCustomerId"] = "-4";
        settings["P21:Journals:CreditAccount"] = "11120010";
        settings["P21:Journals:JournalId"] = "CRJ";
        settings["P21:Journals:ReferenceField"] = "memo";
        settings["P21:Holds:Method"] = "HoldClass";
        settings.Remove("P21:Disputes:FeeAccount");

        var (failures, logged) = await StartAsync(settings);

        var expected = new[]
        {
            "P21:BaseUrl must be an absolute http(s) URL of the P21 middleware (got 'p21.example.com').",
            "P21:Password (with P21:Username) or P21:ClientSecret (consumer key) is required.",
            "P21:ErpTimeZone 'Mars/Olympus' is not a known time zone id (e.g. America/New_York).",
            "P21:Http:MaxConcurrentRequests must be between 1 and 1000.",
            "P21:SalesOrders:SourceLocationId is required: P21 refuses an order without it (tax jurisdiction).",
            "P21:SalesOrders:OrderReferenceField must be web_reference_no or po_no.",
            "P21:Customers:SalesrepId is required to create customers.",
            "P21:Customers:WalkInCustomerId must be a positive customer id, or left empty.",
            "P21:Journals:DebitAccount and P21:Journals:CreditAccount are both '11120010': an entry on one account moves nothing.",
            "P21:Journals:JournalId has at most 2 characters (P21's journal_id).",
            "P21:Journals:ReferenceField must be source or description.",
            "P21:Holds:HoldClassId is required when P21:Holds:Method is HoldClass.",
            "P21:Disputes:FeeAccount is required (the GL account Stripe's dispute fees are booked to).",
        };
        Assert.Multiple(() =>
        {
            Assert.That(failures, Is.EquivalentTo(expected));
            Assert.That(logged, Is.EquivalentTo(expected.Select(e => "Configuration: " + e)), "one critical log line per problem");
        });
    }

    [Test]
    public async Task Should_start_with_a_complete_configuration()
    {
        var (failures, logged) = await StartAsync(Complete());
        Assert.Multiple(() =>
        {
            Assert.That(failures, Is.Empty);
            Assert.That(logged, Is.Empty);
        });
    }

    [Test]
    public async Task Should_refuse_an_empty_section_naming_each_required_key()
    {
        var (failures, _) = await StartAsync(new Dictionary<string, string?> { ["Database:Provider"] = "Sqlite" });
        Assert.That(failures, Is.SupersetOf(new[]
        {
            "P21:BaseUrl is required (the P21 middleware, e.g. https://p21.example.com).",
            "P21:CompanyId is required (e.g. ACME).",
            "P21:SalesOrders:SalesLocationId is required (a P21 location id).",
            "P21:Customers:DefaultBranch is required to create customers.",
            "P21:Journals:DebitAccount is required (the GL account debited with a paid order's money, e.g. a Stripe clearing account).",
            "P21:Journals:CreditAccount is required (the GL account credited with a paid order's money, e.g. customer deposits).",
            "P21:Journals:JournalId is required (a P21 journal id, at most two characters).",
            "P21:Disputes:DisputedFundsAccount is required (the GL account the disputed amount is booked to).",
            "P21:Disputes:FeeAccount is required (the GL account Stripe's dispute fees are booked to).",
        }));
    }

    [Test]
    public async Task Should_refuse_more_concurrent_calls_than_p21s_session_pool_holds()
    {
        var settings = Complete();
        settings["P21:SessionPoolSize"] = "4";
        settings["P21:Http:MaxConcurrentRequests"] = "6";

        var (failures, _) = await StartAsync(settings);

        Assert.That(failures, Is.EqualTo(new[]
        {
            "P21:Http:MaxConcurrentRequests (6) is more than P21:SessionPoolSize (4): calls beyond P21's pool wait inside P21 and may run after "
            + "we gave up on them. Set it to the pool size divided by the number of replicas.",
        }));
    }

    [Test]
    public async Task Should_refuse_to_admit_more_messages_than_the_call_slots_and_their_queue_hold()
    {
        var settings = Complete();
        settings["P21:Http:MaxQueuedRequests"] = "10";
        settings["P21:MaxConcurrentMessages"] = "16";

        var (failures, _) = await StartAsync(settings);

        Assert.That(failures, Is.EqualTo(new[]
        {
            "P21:MaxConcurrentMessages (16) is more than P21:Http:MaxConcurrentRequests + MaxQueuedRequests (5 + 10): admitted messages would find "
            + "the call queue full and be retried.",
        }));
    }

    [Test]
    public void Should_admit_twice_as_many_messages_as_calls_by_default()
    {
        var settings = Complete();
        settings["P21:SessionPoolSize"] = "3";
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddP21Service();
        using var host = builder.Build();

        Assert.That(host.Services.GetRequiredService<Payments.P21Service.Admission.P21Admission>().Limit, Is.EqualTo(6));
    }

    [Test]
    public void Should_limit_concurrent_calls_to_the_session_pool_by_default()
    {
        var settings = Complete();
        settings["P21:SessionPoolSize"] = "3";
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddP21Service();
        using var host = builder.Build();

        var http = host.Services.GetRequiredService<IOptionsMonitor<Payments.ServiceDefaults.Http.OutboundHttpOptions>>().Get(P21Options.Section);
        var p21 = host.Services.GetRequiredService<IOptions<P21Options>>().Value;
        Assert.Multiple(() =>
        {
            Assert.That(http.MaxConcurrentRequests, Is.EqualTo(3));
            Assert.That(new P21Options().SessionPoolSize, Is.EqualTo(5), "P21's default pool");
            Assert.That(p21.PooledRequestTimeout, Is.EqualTo(TimeSpan.FromSeconds(90)), "the pool wait (60 s) and the request time-out (30 s)");
        });
    }

    [Test]
    public void Should_accept_a_consumer_key_instead_of_a_password()
    {
        var options = new P21Options { BaseUrl = "https://p21.example.com", CompanyId = "ACME", ClientSecret = "62ccc18a-25e2-440c-bf6d-749c117fa9db" };
        Assert.That(new P21OptionsValidator().Validate(null, options).Succeeded, Is.True);
    }

    /// <summary>Keeps what the configuration check logs.</summary>
    sealed class CapturingLoggerProvider : ILoggerProvider
    {
        readonly List<string> _lines = [];

        public IReadOnlyList<string> Lines
        {
            get { lock (_lines) return _lines.ToList(); }
        }

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose() { }

        sealed class Logger(CapturingLoggerProvider provider, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (category != ReportingOptionsFactory<object>.LogCategory || logLevel != LogLevel.Critical) return;
                lock (provider._lines) provider._lines.Add(formatter(state, exception));
            }
        }
    }
}
