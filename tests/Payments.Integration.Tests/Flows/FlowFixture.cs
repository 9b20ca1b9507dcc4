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
using Payments.Sandbox.Scenarios.ChargeToOrder;
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

    static readonly ServiceTimings Timings = new();
    /// <summary>P21's client gives up after this (plus <see cref="P21PoolWait"/> on the Transaction API); <see cref="P21Fault.Slow"/> longer than it is a time-out.</summary>
    protected static readonly TimeSpan P21RequestTimeout = Timings.P21RequestTimeout;
    /// <summary>How long the simulated P21 lets a Transaction API call wait for an API instance, and what the P21 service is told it is.</summary>
    protected static readonly TimeSpan P21PoolWait = Timings.P21PoolWait;
    /// <summary>Quick retries and the redelivery wait (see <see cref="ServiceTimings.RetryInterval"/>).</summary>
    protected static readonly TimeSpan RetryInterval = Timings.RetryInterval;
    protected static readonly TimeSpan Within = TimeSpan.FromSeconds(60);

    protected const string WebhookSecret = ServiceEnvironment.WebhookSecret;
    /// <summary>The shared secret the Znode service accepts on <c>/webhooks/znode</c> (Znode 10's webhook).</summary>
    protected const string ZnodeWebhookSecret = ServiceEnvironment.ZnodeWebhookSecret;
    /// <summary>The services, from the one table of services (the sandbox wires the same rows into one process).</summary>
    static readonly IReadOnlyList<PaymentsService> Services = PaymentsServices.All;

    ServiceCluster? _cluster;
    ServiceDatabases? _databases;
    SimulatedSystems? _systems;
    Dictionary<string, string> _environment = [];
    string _workDirectory = "";
    string _observer = "";
    string _p21Password = "";
    bool _failed;

    protected P21Simulator P21 => _systems!.P21;
    protected StripeApiFake Stripe => _systems!.Stripe;
    /// <summary>The Znode installation the Znode service talks to (its health check reads it).</summary>
    protected ZnodeSimulator Znode => _systems!.Znode;
    /// <summary>The shoppers' mailbox: the Znode service sends its mail here.</summary>
    protected SmtpCatcher Mail => _systems!.Mail;
    protected VirtualHostBroker Broker { get; private set; } = null!;
    protected ServiceProcess Gateway => _cluster!.Replicas(ServiceCluster.Projects[0])[0];
    /// <summary>The running process of a project of the one table of services.</summary>
    protected ServiceProcess Service(string project) => _cluster!.Process(project);
    /// <summary>The API user's password the P21 service is configured with; a test may change the simulator's, the tear-down restores it.</summary>
    protected string OriginalP21Password => _p21Password;

    /// <summary>Bus:RabbitMq:QueueType for every service of the fixture.</summary>
    protected virtual string QueueType => "Classic";

    /// <summary>How many processes of each service run, on the one virtual host and the one set of databases.</summary>
    protected virtual int Replicas => 1;

    /// <summary>A fixture's own settings on top of the services' environment (e.g. the missed-event sweep switched on).</summary>
    protected virtual void Configure(Dictionary<string, string> environment)
    {
    }

    /// <summary>Every service process, replicas included.</summary>
    protected ServiceCluster Cluster => _cluster!;

    /// <summary>The queue that receives every <c>FlowCompleted</c> and <c>FlowFailed</c> the services publish.</summary>
    protected string Observer => _observer;

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
        // The billing catalogue (products and monthly prices with fixed ids) the subscription flow's items map from.
        _systems = await SimulatedSystems.StartAsync(new P21SimulatorOptions { SessionPoolWait = P21PoolWait });
        _p21Password = P21.Options.Password;

        try
        {
            _databases = await ServiceDatabases.CreateAsync(_workDirectory, $"flows_{id}", System.Environment.GetEnvironmentVariable("PAYMENTS_TEST_POSTGRES"));
            _environment = ServiceEnvironment.Build(Broker.Options, QueueType, _databases, _systems, Timings);
            Configure(_environment);
            _cluster = ServiceCluster.Start(_workDirectory, _environment, Replicas);
            await _cluster.WaitUntilHealthyAsync(TimeSpan.FromSeconds(120 * Replicas)); // replicas start (and migrate) one after another
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
            $"[flows] {_cluster.Processes.Count} service processes ready in {started.Elapsed.TotalSeconds:F1} s (virtual host {Broker.Options.VirtualHost}, "
            + $"{QueueType} queues, {(_databases.IsPostgres ? "PostgreSQL" : "SQLite")}, logs in {_workDirectory})");
    }

    [TearDown]
    public async Task ResetBetweenTests()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == TestStatus.Failed)
        {
            _failed = true;
            await TestContext.Out.WriteLineAsync(ServiceLogs());
        }
        if (_systems is null || Broker is null)
            return;
        P21.Faults.Clear();
        P21.Options.Password = _p21Password;
        await Broker.PurgeErrorQueuesAsync();
    }

    [OneTimeTearDown]
    public async Task StopServices()
    {
        if (_cluster is not null) await _cluster.DisposeAsync();
        if (Broker is not null) await Broker.DisposeAsync();
        if (_systems is not null) await _systems.DisposeAsync();
        if (_databases is not null) await _databases.DisposeAsync();
        // A failed run keeps the services' full logs and SQLite files for a closer look.
        if (_failed)
            await TestContext.Progress.WriteLineAsync($"[flows] logs kept in {_workDirectory}");
        else if (Directory.Exists(_workDirectory))
            Directory.Delete(_workDirectory, recursive: true);
    }

    /// <summary>A card payment by P21's seeded customer Acme for two of its items, known to the Stripe fake as the webhook will describe it.</summary>
    protected ChargeSpec NewCharge()
    {
        var charge = ChargeFlow.DemonstrationCharge();
        Stripe.CreateCharge(charge);
        return charge;
    }

    /// <summary>Posts the charge's <c>charge.succeeded</c>, signed, to the gateway process and returns the gateway's answer.</summary>
    protected Task<(int Status, string Body)> PostChargeSucceededAsync(ChargeSpec charge) => PostAsync(StripeEventBuilder.ChargeSucceeded(charge));

    /// <summary>Posts the event, signed now, to the gateway process (or the one at <paramref name="gatewayUrl"/>) and returns the gateway's answer.</summary>
    protected async Task<(int Status, string Body)> PostAsync(StripeWebhookEvent webhook, string? gatewayUrl = null)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, (gatewayUrl ?? Gateway.BaseUrl) + "/webhooks/stripe")
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
        await _cluster!.RestartAsync(_cluster.Process(project), TimeSpan.FromSeconds(120));
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
        foreach (var (key, value) in ServiceEnvironment.Bus(Broker.Options, QueueType).Concat(DatabaseEnvironment()))
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
    protected string ServiceLogs() => _cluster?.Logs() ?? "(no service started)";

    /// <summary>Which database provider and the services' connection strings (what the operator's command reads too).</summary>
    IEnumerable<KeyValuePair<string, string>> DatabaseEnvironment() =>
        _environment.Where(e => e.Key.StartsWith("Database__", StringComparison.Ordinal) || e.Key.StartsWith("ConnectionStrings__", StringComparison.Ordinal));
}
