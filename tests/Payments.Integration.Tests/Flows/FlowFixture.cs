using System.Diagnostics;
using System.Text;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NUnit.Framework.Interfaces;
using Payments.Contracts.ChargeToOrder;
using Payments.Contracts.Shared;
using Payments.Persistence.Configuration;
using Payments.Persistence.Outbox;
using Payments.Sandbox.Services;
using Payments.Simulators.P21;
using Payments.Simulators.P21.Store;
using Payments.Simulators.Smtp;
using Payments.Simulators.Stripe;
using Payments.Simulators.Stripe.Account;
using Payments.Simulators.Znode;

namespace Payments.Integration.Tests.Flows;

/// <summary>
/// The services of the one table as separate processes on the real RabbitMQ, in a virtual host of the fixture's own, with the P21
/// simulator, the Stripe API fake and the Znode simulator in the test process: gateway, saga host, P21 service, Stripe service and
/// Znode service, each started from its build output
/// with its configuration in environment variables only. Tests post signed <c>charge.succeeded</c> events to the gateway and look
/// at P21's store, Stripe's charge metadata and the broker (management API). Ignored when PAYMENTS_TEST_RABBITMQ_HOST is not set.
/// </summary>
public abstract class FlowFixture
{
    public const string PostP21OrderQueue = "post-p21-order";
    public const string PostP21OrderErrorQueue = "post-p21-order_error";
    public const string RecordOnChargeQueue = "record-p21-order-on-charge";
    public const string SagaQueue = "order-payment-state";
    /// <summary>The wait queue of the one redelivery delay configured below.</summary>
    public const string WaitQueue = "payments-wait-4s";

    /// <summary>P21's client gives up after this (plus <see cref="P21PoolWait"/> on the Transaction API); <see cref="P21Fault.Slow"/> longer than it is a time-out.</summary>
    protected static readonly TimeSpan P21RequestTimeout = TimeSpan.FromSeconds(2);
    /// <summary>How long the simulated P21 lets a Transaction API call wait for an API instance, and what the P21 service is told it is.</summary>
    protected static readonly TimeSpan P21PoolWait = TimeSpan.FromSeconds(1);
    /// <summary>
    /// Quick retries and the redelivery wait. Longer than a slow P21 call outlives our time-out (see the time-out test), so that a
    /// retry looks for the order only once P21 has finished creating it.
    /// </summary>
    protected static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(4);
    protected static readonly TimeSpan Within = TimeSpan.FromSeconds(60);

    protected const string WebhookSecret = "whsec_flow_tests_0123456789abcdef";
    /// <summary>The shared secret the Znode service accepts on <c>/webhooks/znode</c> (Znode 10's webhook).</summary>
    protected const string ZnodeWebhookSecret = "znode_flow_tests_0123456789abcdef";
    /// <summary>The services, from the one table of services (the sandbox wires the same rows into one process).</summary>
    static readonly IReadOnlyList<PaymentsService> Services = PaymentsServices.All;
    static readonly string[] ServiceProjects = [.. Services.Select(s => s.Project)];

    readonly List<ServiceProcess> _services = [];
    readonly List<string> _databases = [];
    Dictionary<string, string> _environment = [];
    string _workDirectory = "";
    string _observer = "";
    string _p21Password = "";
    bool _failed;

    protected P21Simulator P21 { get; private set; } = null!;
    protected StripeApiFake Stripe { get; private set; } = null!;
    /// <summary>The Znode installation the Znode service talks to (its health check reads it).</summary>
    protected ZnodeSimulator Znode { get; private set; } = null!;
    /// <summary>The shoppers' mailbox: the Znode service sends its mail here.</summary>
    protected SmtpCatcher Mail { get; private set; } = null!;
    protected VirtualHostBroker Broker { get; private set; } = null!;
    protected ServiceProcess Gateway => _services[0];
    /// <summary>The running process of a project of the one table of services.</summary>
    protected ServiceProcess Service(string project) => _services.Single(s => s.Name == project);
    /// <summary>The API user's password the P21 service is configured with; a test may change the simulator's, the tear-down restores it.</summary>
    protected string OriginalP21Password => _p21Password;

    /// <summary>Bus:RabbitMq:QueueType for every service of the fixture.</summary>
    protected virtual string QueueType => "Classic";

    [OneTimeSetUp]
    public async Task StartServices()
    {
        ServiceDefaults.RabbitMqOptions rabbit;
        await using (var broker = await Integration.Tests.Broker.ConnectOrIgnoreAsync())
            rabbit = broker.Options;

        var started = Stopwatch.StartNew();
        var id = Guid.NewGuid().ToString("N")[..8];
        _workDirectory = Path.Combine(Path.GetTempPath(), $"payments-flows-{id}");
        Directory.CreateDirectory(_workDirectory);
        Broker = await VirtualHostBroker.CreateAsync(rabbit, $"payments-flows-{id}");
        P21 = await P21Simulator.StartAsync(new P21SimulatorOptions { SessionPoolWait = P21PoolWait });
        _p21Password = P21.Options.Password;
        // The billing catalogue (products and monthly prices with fixed ids) the subscription flow's items map from.
        Stripe = await StripeApiFake.StartAsync(new StripeApiFakeOptions { SeedBillingCatalog = true });
        Znode = await ZnodeSimulator.StartAsync();
        Mail = await SmtpCatcher.StartAsync();

        try
        {
            _environment = Environment(await DatabasesAsync(id));
            foreach (var project in ServiceProjects)
                _services.Add(ServiceProcess.Start(project, Path.Combine(_workDirectory, project), _environment));
            await Task.WhenAll(_services.Select(s => s.WaitUntilHealthyAsync(TimeSpan.FromSeconds(120))));
            foreach (var queue in new[] { SagaQueue, PostP21OrderQueue, RecordOnChargeQueue })
                await Broker.WaitForConsumerAsync(queue, Within);
            _observer = await Broker.DeclareObserverAsync(typeof(FlowCompleted), typeof(FlowFailed));
        }
        catch
        {
            _failed = true;
            await TestContext.Out.WriteLineAsync(ServiceLogs());
            throw;
        }
        await TestContext.Progress.WriteLineAsync(
            $"[flows] {ServiceProjects.Length} service processes ready in {started.Elapsed.TotalSeconds:F1} s (virtual host {Broker.Options.VirtualHost}, "
            + $"{QueueType} queues, {(_databases.Count > 0 ? "PostgreSQL" : "SQLite")}, logs in {_workDirectory})");
    }

    [TearDown]
    public async Task ResetBetweenTests()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == TestStatus.Failed)
        {
            _failed = true;
            await TestContext.Out.WriteLineAsync(ServiceLogs());
        }
        if (P21 is null || Broker is null)
            return;
        P21.Faults.Clear();
        P21.Options.Password = _p21Password;
        await Broker.PurgeErrorQueuesAsync();
    }

    [OneTimeTearDown]
    public async Task StopServices()
    {
        foreach (var service in _services)
            await service.DisposeAsync();
        if (Broker is not null) await Broker.DisposeAsync();
        if (Stripe is not null) await Stripe.DisposeAsync();
        if (Znode is not null) await Znode.DisposeAsync();
        if (Mail is not null) await Mail.DisposeAsync();
        if (P21 is not null) await P21.DisposeAsync();
        await DropDatabasesAsync();
        // A failed run keeps the services' full logs and SQLite files for a closer look.
        if (_failed)
            await TestContext.Progress.WriteLineAsync($"[flows] logs kept in {_workDirectory}");
        else if (Directory.Exists(_workDirectory))
            Directory.Delete(_workDirectory, recursive: true);
    }

    /// <summary>A card payment by P21's seeded customer Acme for two of its items, known to the Stripe fake as the webhook will describe it.</summary>
    protected ChargeSpec NewCharge()
    {
        var charge = new ChargeSpec
        {
            Amount = 7_499,
            Currency = "usd",
            BillingEmail = P21Seed.AcmeEmail,
            BillingName = "Acme Supply Co",
            Description = "Web order: 2 × WIDGET-001, 1 × GADGET-200",
            Metadata = new Dictionary<string, string> { ["items"] = "WIDGET-001:2,GADGET-200:1" },
        };
        Stripe.CreateCharge(charge);
        return charge;
    }

    /// <summary>Posts the charge's <c>charge.succeeded</c>, signed, to the gateway process and returns the gateway's answer.</summary>
    protected Task<(int Status, string Body)> PostChargeSucceededAsync(ChargeSpec charge) => PostAsync(StripeEventBuilder.ChargeSucceeded(charge));

    /// <summary>Posts the event, signed now, to the gateway process and returns the gateway's answer.</summary>
    protected async Task<(int Status, string Body)> PostAsync(StripeWebhookEvent webhook)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, Gateway.BaseUrl + "/webhooks/stripe")
        {
            Content = new StringContent(webhook.Json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Stripe-Signature", webhook.Sign(WebhookSecret));
        using var response = await http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The saga's <c>FlowCompleted</c> for this charge, as published on the broker.</summary>
    protected Task<JsonElement> WaitForCompletedAsync(ChargeSpec charge) => WaitForPublishedAsync<FlowCompleted>(charge);

    /// <summary>The saga's <c>FlowFailed</c> for this charge, as published on the broker.</summary>
    protected Task<JsonElement> WaitForFailedAsync(ChargeSpec charge) => WaitForPublishedAsync<FlowFailed>(charge);

    /// <summary>The P21 order number a <c>FlowCompleted</c> names.</summary>
    protected static string? OrderNoOf(JsonElement completed) =>
        completed.GetProperty("documents").GetProperty(FlowDocumentKeys.P21SalesOrder).GetString();

    Task<JsonElement> WaitForPublishedAsync<T>(ChargeSpec charge) =>
        WaitForPublishedAsync<T>(CorrelationKey.StripePayment(charge.PaymentIntentId, charge.Id), $"charge {charge.Id}");

    /// <summary>The saga's <c>FlowCompleted</c> or <c>FlowFailed</c> (<typeparamref name="T"/>) for the flow of <paramref name="key"/>, as published on the broker.</summary>
    protected async Task<JsonElement> WaitForPublishedAsync<T>(CorrelationKey key, string what)
    {
        var urn = MessageUrn.ForTypeString<T>();
        var correlationId = key.ToGuid();
        var envelope = await Broker.WaitForPublishedAsync(_observer,
            e => e.GetProperty("messageType").EnumerateArray().Any(t => t.GetString() == urn)
                 && e.GetProperty("message").GetProperty("correlationId").GetGuid() == correlationId,
            Within, $"{typeof(T).Name} for {what}");
        return envelope.GetProperty("message");
    }

    /// <summary>
    /// The first message of type <typeparamref name="T"/> published on the broker (one the fixture observes; a fixture may add types with
    /// <c>Broker.DeclareObserverAsync</c>) that <paramref name="match"/> takes; the message itself, without MassTransit's envelope.
    /// </summary>
    protected async Task<JsonElement> WaitForPublishedAsync<T>(Func<JsonElement, bool> match, string what)
    {
        var urn = MessageUrn.ForTypeString<T>();
        var envelope = await Broker.WaitForPublishedAsync(_observer,
            e => e.GetProperty("messageType").EnumerateArray().Any(t => t.GetString() == urn) && match(e.GetProperty("message")),
            Within, $"{typeof(T).Name} for {what}");
        return envelope.GetProperty("message");
    }

    /// <summary>
    /// The saga's <c>FlowCompleted</c> or <c>FlowFailed</c> (<typeparamref name="T"/>) of each of several flows, in whatever order they are
    /// published (waiting for one at a time would drop another's announcement that came first); by correlation id.
    /// </summary>
    protected async Task<IReadOnlyDictionary<Guid, JsonElement>> WaitForEachPublishedAsync<T>(params CorrelationKey[] keys)
    {
        var urn = MessageUrn.ForTypeString<T>();
        var found = new Dictionary<Guid, JsonElement>();
        var awaited = keys.Select(k => k.ToGuid()).ToHashSet();
        while (found.Count < awaited.Count)
        {
            var envelope = await Broker.WaitForPublishedAsync(_observer,
                e => e.GetProperty("messageType").EnumerateArray().Any(t => t.GetString() == urn)
                     && awaited.Contains(e.GetProperty("message").GetProperty("correlationId").GetGuid())
                     && !found.ContainsKey(e.GetProperty("message").GetProperty("correlationId").GetGuid()),
                Within, $"{typeof(T).Name} for {string.Join(", ", keys.Where(k => !found.ContainsKey(k.ToGuid())))}");
            var message = envelope.GetProperty("message");
            found[message.GetProperty("correlationId").GetGuid()] = message;
        }
        return found;
    }

    /// <summary>Polls what the simulators hold until <paramref name="condition"/> is true (a flow's effect that announces nothing).</summary>
    protected static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Within;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Not {what} within {Within.TotalSeconds} s.");
            await Task.Delay(200);
        }
    }

    /// <summary>Kills the service's process (as a crash would) and starts it again with the same configuration, until it consumes again.</summary>
    protected async Task CrashAndRestartAsync(string project, string queue)
    {
        var index = _services.FindIndex(s => s.Name == project);
        await _services[index].DisposeAsync();
        _services[index] = ServiceProcess.Start(project, Path.Combine(_workDirectory, project), _environment);
        await _services[index].WaitUntilHealthyAsync(TimeSpan.FromSeconds(120));
        await Broker.WaitForConsumerAsync(queue, Within);
    }

    /// <summary>
    /// Runs the operator's command, <c>payments faults ...</c>, <c>payments payouts ...</c>, from its build output against this fixture's
    /// virtual host and the services' databases, configured as an operator's shell would be for them.
    /// </summary>
    protected async Task<(int ExitCode, string Output)> RunPaymentsCommandAsync(params string[] args)
    {
        var dll = BuildOutput.Locate("Payments.Cli", "payments.dll");
        var start = new ProcessStartInfo(System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = _workDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        foreach (var (key, value) in BusEnvironment().Concat(DatabaseEnvironment()))
            start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Within);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    /// <summary>
    /// The database of a project of the one table of services, opened as the operator's command opens it (the outbox tables are the same
    /// everywhere; anything else is read with SQL), to look at what a service kept, e.g. a saga's row.
    /// </summary>
    protected DbContext OpenServiceDatabase(string project)
    {
        var name = Services.Single(s => s.Project == project).ConnectionStringName;
        var provider = Enum.Parse<DatabaseProvider>(_environment["Database__Provider"]);
        var options = new DbContextOptionsBuilder<SharedInboxOutboxDbContext>().UsePaymentsProvider(provider, _environment[$"ConnectionStrings__{name}"]);
        return new SharedInboxOutboxDbContext((DbContextOptions<SharedInboxOutboxDbContext>)options.Options);
    }

    /// <summary>P21 transaction (TAPI order/customer create) calls since <paramref name="from"/> requests into the simulator's log.</summary>
    protected int TransactionCallsSince(int from) =>
        P21.Requests.Skip(from).Count(r => r.Route == Payments.Simulators.P21.Faults.P21Route.Transaction);

    /// <summary>Every service's last log lines, for a failed test.</summary>
    protected string ServiceLogs() => string.Join(System.Environment.NewLine,
        _services.Select(s => $"----- {s.Name} ({s.LogPath}){(s.HasExited ? " EXITED" : "")} -----{System.Environment.NewLine}{s.Tail()}"));

    Dictionary<string, string> BusEnvironment()
    {
        var rabbit = Broker.Options;
        return new Dictionary<string, string>
        {
            ["Bus__Transport"] = "RabbitMq",
            ["Bus__RabbitMq__Host"] = rabbit.Host,
            ["Bus__RabbitMq__Port"] = rabbit.Port.ToString(),
            ["Bus__RabbitMq__VirtualHost"] = rabbit.VirtualHost,
            ["Bus__RabbitMq__Username"] = rabbit.Username,
            ["Bus__RabbitMq__Password"] = rabbit.Password,
            ["Bus__RabbitMq__ManagementUri"] = rabbit.ManagementUri,
            ["Bus__RabbitMq__QueueType"] = QueueType,
        };
    }

    /// <summary>Which database provider and the services' connection strings (what the operator's command reads too).</summary>
    IEnumerable<KeyValuePair<string, string>> DatabaseEnvironment() =>
        _environment.Where(e => e.Key.StartsWith("Database__", StringComparison.Ordinal) || e.Key.StartsWith("ConnectionStrings__", StringComparison.Ordinal));

    Dictionary<string, string> Environment(IReadOnlyDictionary<string, string> databases)
    {
        var retry = RetryInterval.ToString("c");
        var settings = BusEnvironment();
        foreach (var (key, value) in new Dictionary<string, string>
        {
            ["Bus__Retry__Immediate__0"] = retry,
            ["Bus__Retry__Immediate__1"] = retry,
            ["Bus__Retry__Redelivery__0"] = retry,
            ["Gateway__WebhookSecrets__0"] = WebhookSecret,
            // The flows' tests say which events reach the gateway; the missed-event sweep (tested in Payments.Gateway.Tests) would
            // otherwise feed, every 5 minutes, the fake's events no test sent.
            ["Gateway__Sweep__Enabled"] = "false",
            // As compose ships it: the charge of a Billing invoice goes to stripe-subscription, never to charge-to-order.
            ["Gateway__Routing__Rules__0__Name"] = "billing",
            ["Gateway__Routing__Rules__0__Flow"] = "stripe-subscription",
            ["Gateway__Routing__Rules__0__Field"] = "invoice",
            ["P21__BaseUrl"] = P21.BaseUrl,
            ["P21__Username"] = P21.Options.Username,
            ["P21__Password"] = P21.Options.Password,
            ["P21__CompanyId"] = P21.Options.CompanyId,
            // The simulator's seed: location 10, salesrep 1100, branch 10.
            ["P21__SalesOrders__SalesLocationId"] = "10",
            ["P21__SalesOrders__SourceLocationId"] = "10",
            ["P21__SalesOrders__Taker"] = "STRIPE",
            ["P21__Customers__SalesrepId"] = "1100",
            ["P21__Customers__DefaultBranch"] = "10",
            // The simulator's chart of accounts: a paid Znode order debits Stripe clearing and credits customer deposits.
            ["P21__Journals__DebitAccount"] = P21Seed.StripeClearingAccount,
            ["P21__Journals__CreditAccount"] = P21Seed.CustomerDepositsAccount,
            ["P21__Journals__JournalId"] = "CR",
            ["P21__Disputes__DisputedFundsAccount"] = P21Seed.DisputedFundsAccount,
            ["P21__Disputes__FeeAccount"] = P21Seed.DisputeFeesAccount,
            // A refund or dispute that beats its sale's P21 document reads the charge again within seconds (production default: 15 min).
            ["StripeRefund__RecheckAfter"] = "00:00:02",
            ["StripeRefund__MaxRechecks"] = "30",
            ["StripeDispute__RecheckAfter"] = "00:00:02",
            ["StripeDispute__MaxRechecks"] = "30",
            // A paid Billing invoice's lines: the catalogue's plans on the simulator's subscription items, exclusive tax on its tax item. The
            // extra seat is left unmapped, so an invoice of it is quarantined.
            [$"P21__Subscriptions__Items__{StripeAccount.BillingCatalog.SupportPlanProduct}"] = P21Seed.SubscriptionStandardItemId,
            [$"P21__Subscriptions__Items__{StripeAccount.BillingCatalog.SupportPlusProduct}"] = P21Seed.SubscriptionProItemId,
            ["P21__Subscriptions__TaxItemId"] = P21Seed.SubscriptionTaxItemId,
            ["P21__RequestTimeout"] = P21RequestTimeout.ToString("c"),
            ["P21__SessionPoolWait"] = P21PoolWait.ToString("c"),
            ["Stripe__ApiKey"] = "sk_test_flows",
            ["Stripe__ApiBase"] = Stripe.ApiBase,
            ["Znode__BaseUrl"] = Znode.BaseUrl,
            ["Znode__DomainName"] = Znode.Options.DomainName,
            ["Znode__ApiKey"] = Znode.Options.ApiKey,
            ["Znode__Webhook__Secrets__0"] = ZnodeWebhookSecret,
            // An approved return is polled from rmareturn/list: within a second here (production default: 30 s).
            ["Znode__Returns__PollInterval"] = "00:00:01",
            ["Znode__Returns__Overlap"] = "00:00:05",
            // A changed Znode account is polled from customeraccount/list: within a second here (production default: 1 min).
            ["Znode__Accounts__PollInterval"] = "00:00:01",
            ["Znode__Accounts__Overlap"] = "00:00:05",
            ["Znode__Mail__Host"] = Mail.Host,
            ["Znode__Mail__Port"] = Mail.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Znode__Mail__Security"] = "None",
            ["Znode__Mail__From"] = "orders@maple-supply.example",
        })
            settings[key] = value;
        // A payout's journal: the simulator's accounts (P21:Payouts:Accounts is required).
        foreach (var (key, value) in P21Seed.PayoutAccountSettings("__"))
            settings[key] = value;
        foreach (var (key, value) in databases)
            settings[key] = value;
        return settings;
    }

    /// <summary>
    /// A database per service: SQLite files in the work directory, or, when PAYMENTS_TEST_POSTGRES is set, fresh PostgreSQL databases
    /// of this fixture's own (dropped at the end).
    /// </summary>
    async Task<Dictionary<string, string>> DatabasesAsync(string id)
    {
        // The services' own databases, and the audit trail's, which they all write to.
        string[] names = [.. Services.Select(s => s.ConnectionStringName), "Audit"];
        var postgres = System.Environment.GetEnvironmentVariable("PAYMENTS_TEST_POSTGRES");
        var settings = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(postgres))
        {
            settings["Database__Provider"] = "Sqlite";
            foreach (var name in names)
                settings[$"ConnectionStrings__{name}"] = $"Data Source={Path.Combine(_workDirectory, name.ToLowerInvariant() + ".db")}";
            return settings;
        }

        settings["Database__Provider"] = "Postgres";
        await using var connection = new NpgsqlConnection(postgres);
        await connection.OpenAsync();
        foreach (var name in names)
        {
            var database = $"flows_{id}_{name.ToLowerInvariant()}";
            await using (var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection))
                await create.ExecuteNonQueryAsync();
            _databases.Add(database);
            settings[$"ConnectionStrings__{name}"] = new NpgsqlConnectionStringBuilder(postgres) { Database = database }.ConnectionString;
        }
        return settings;
    }

    async Task DropDatabasesAsync()
    {
        if (_databases.Count == 0)
            return;
        await using var connection = new NpgsqlConnection(System.Environment.GetEnvironmentVariable("PAYMENTS_TEST_POSTGRES"));
        await connection.OpenAsync();
        foreach (var database in _databases)
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
