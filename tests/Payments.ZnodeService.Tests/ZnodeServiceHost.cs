using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Payments.Contracts.CustomerSync;
using Payments.Contracts.StripeRefund;
using Payments.Contracts.ZnodeOrderToCash;
using Payments.Contracts.ZnodeReturn;
using Payments.Persistence.Configuration;
using Payments.Simulators.Smtp;
using Payments.Simulators.Znode;
using Payments.ZnodeService.CustomerSync;
using Payments.ZnodeService.Intake;
using Payments.ZnodeService.Returns;

namespace Payments.ZnodeService.Tests;

/// <summary>
/// The Znode service as Program.cs wires it (AddZnodeService + AddZnodeConsumers) on MassTransit's test harness, against the Znode
/// simulator and an SMTP catcher, on a database of its own (SQLite unless a test passes another). The poller does not run by
/// itself (<c>Znode:Intake:Poll=false</c>, <c>Znode:Returns:Poll=false</c>, <c>Znode:Accounts:Enabled=false</c>): tests play its rounds
/// with <see cref="PollAsync"/>, <see cref="PollReturnsAsync"/> and <see cref="PollAccountsAsync"/>.
/// </summary>
sealed class ZnodeServiceHost : IAsyncDisposable
{
    public const string PaymentLinkTemplate = "https://shop.example/pay/{orderNumber}?pi={paymentIntentId}&secret={clientSecret}";

    readonly TestDatabase? _ownDatabase;
    readonly bool _ownsOutside;

    ZnodeServiceHost(IHost host, ZnodeSimulator znode, SmtpCatcher mail, TestDatabase? ownDatabase, bool ownsOutside)
    {
        Host = host;
        Znode = znode;
        Mail = mail;
        _ownDatabase = ownDatabase;
        _ownsOutside = ownsOutside;
        Harness = host.Services.GetTestHarness();
    }

    public IHost Host { get; }
    public ZnodeSimulator Znode { get; }
    public SmtpCatcher Mail { get; }
    public ITestHarness Harness { get; }

    public T Get<T>() where T : notnull => Host.Services.GetRequiredService<T>();

    public ZnodeOrderPoller Poller => Get<ZnodeOrderPoller>();

    public Task<PollRound> PollAsync() => Poller.RunRoundAsync(CancellationToken.None);

    public ZnodeReturnPoller ReturnPoller => Get<ZnodeReturnPoller>();

    public Task<PollRound> PollReturnsAsync() => ReturnPoller.RunRoundAsync(CancellationToken.None);

    public ZnodeAccountPoller AccountPoller => Get<ZnodeAccountPoller>();

    public Task<PollRound> PollAccountsAsync() => AccountPoller.RunRoundAsync(CancellationToken.None);

    /// <summary>What reached the stand-in for the saga (the service's events leave through its outbox after the commit).</summary>
    public IReadOnlyList<T> Received<T>() where T : class => [.. Harness.Consumed.Select<T>().Select(c => c.Context.Message)];

    /// <summary>Polls until <paramref name="count"/> <typeparamref name="T"/> arrived (30 s at most), then lets duplicates show for a moment.</summary>
    public async Task<IReadOnlyList<T>> ReceivedAsync<T>(int count = 1) where T : class
    {
        for (var attempt = 0; attempt < 300 && Received<T>().Count < count; attempt++) await Task.Delay(100);
        await Task.Delay(300);
        return Received<T>();
    }

    public async Task<bool> FaultedAsync<T>() where T : class
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (Harness.Published.Select<Fault<T>>().Any()) return true;
            await Task.Delay(100);
        }
        return false;
    }

    public Fault<T> FaultOf<T>() where T : class => Harness.Published.Select<Fault<T>>().First().Context.Message;

    /// <summary>Starts the simulator, the catcher, a SQLite database and the service.</summary>
    public static async Task<ZnodeServiceHost> StartAsync(Action<IDictionary<string, string?>>? settings = null, ZnodeSimulatorOptions? znodeOptions = null)
    {
        var znode = await ZnodeSimulator.StartAsync(znodeOptions);
        var mail = await SmtpCatcher.StartAsync();
        var database = await TestDatabase.Create(DatabaseProvider.Sqlite, "payments_znode_service_tests");
        return await StartAsync(znode, mail, database, settings, ownsDatabase: true, ownsOutside: true);
    }

    /// <summary>Another replica (or a restart) on the same simulator, catcher and database; disposing it leaves those alone.</summary>
    public static Task<ZnodeServiceHost> StartReplicaAsync(ZnodeSimulator znode, SmtpCatcher mail, TestDatabase database,
        Action<IDictionary<string, string?>>? settings = null) =>
        StartAsync(znode, mail, database, settings, ownsDatabase: false, ownsOutside: false);

    static async Task<ZnodeServiceHost> StartAsync(ZnodeSimulator znode, SmtpCatcher mail, TestDatabase database,
        Action<IDictionary<string, string?>>? settings, bool ownsDatabase, bool ownsOutside)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        var config = new Dictionary<string, string?>
        {
            ["Znode:BaseUrl"] = znode.BaseUrl,
            ["Znode:DomainName"] = znode.Options.DomainName,
            ["Znode:ApiKey"] = znode.Options.ApiKey,
            ["Znode:RateLimit:PermitsPerSecond"] = "1000",
            ["Znode:RateLimit:Burst"] = "1000",
            ["Znode:ReadRetry:Delay"] = "00:00:00.050",
            ["Znode:Mail:Host"] = mail.Host,
            ["Znode:Mail:Port"] = mail.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Znode:Mail:Security"] = "None",
            ["Znode:Mail:From"] = "orders@maple.example",
            ["Znode:Mail:StoreName"] = "Maple Supply",
            ["Znode:Payments:PaymentLinkTemplate"] = PaymentLinkTemplate,
            ["Znode:Intake:Poll"] = "false",
            ["Znode:Intake:InitialLookback"] = "1.00:00:00",
            ["Znode:Intake:PageSize"] = "3",
            ["Znode:Returns:Poll"] = "false",
            ["Znode:Returns:InitialLookback"] = "1.00:00:00",
            ["Znode:Returns:PageSize"] = "2",
            ["Znode:Accounts:Enabled"] = "false",
            ["Znode:Accounts:InitialLookback"] = "1.00:00:00",
            ["Znode:Accounts:PageSize"] = "2",
            ["Database:Provider"] = database.Provider.ToString(),
            ["ConnectionStrings:ZnodeService"] = database.ConnectionString,
        };
        // The audit trail: its tables in the same PostgreSQL database; on SQLite its own file (Audit.db), as one file has one writer at a time.
        if (database.Provider == DatabaseProvider.Postgres)
            config["ConnectionStrings:Audit"] = database.ConnectionString;
        settings?.Invoke(config);
        builder.Configuration.AddInMemoryCollection(config);
        builder.AddZnodeService();
        builder.Services.AddRetryingTestHarness(bus =>
        {
            bus.AddZnodeConsumers();
            bus.AddConsumer<SagaStandIn>();
        });
        var host = builder.Build();
        await host.StartAsync();
        return new ZnodeServiceHost(host, znode, mail, ownsDatabase ? database : null, ownsOutside);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
        if (_ownsOutside)
        {
            await Znode.DisposeAsync();
            await Mail.DisposeAsync();
        }
        if (_ownDatabase is not null) await _ownDatabase.DisposeAsync();
    }
}

/// <summary>Stands for the saga: consumes what the service publishes, so the tests see what left the outbox.</summary>
sealed class SagaStandIn :
    IConsumer<ZnodeOrderPlaced>,
    IConsumer<ZnodeOrderPaymentRecorded>,
    IConsumer<ZnodeOrderDeclineRecorded>,
    IConsumer<ZnodeOrderPaymentOffered>,
    IConsumer<ZnodeOrderPaymentReminded>,
    IConsumer<UnpaidZnodeOrderCanceled>,
    IConsumer<ZnodeReturnApproved>,
    IConsumer<ZnodeRefundRecorded>,
    IConsumer<ZnodeRefundReversed>,
    IConsumer<ZnodeReturnCompleted>,
    IConsumer<ZnodeAccountReported>,
    IConsumer<ZnodeAccountSynced>
{
    public Task Consume(ConsumeContext<ZnodeOrderPlaced> context) => Task.CompletedTask;
    public Task Consume(ConsumeContext<ZnodeOrderPaymentRecorded> context) => Task.CompletedTask;
    public Task Consume(ConsumeContext<ZnodeOrderDeclineRecorded> context) => Task.CompletedTask;
    public Task Consume(ConsumeContext<ZnodeOrderPaymentOffered> context) => Task.CompletedTask;
    public Task Consume(ConsumeContext<ZnodeOrderPaymentReminded> context) => Task.CompletedTask;
    public Task Consume(ConsumeContext<UnpaidZnodeOrderCanceled> context) => Task.CompletedTask;
    public Task Consume(ConsumeContext<ZnodeReturnApproved> context) => Task.CompletedTask;
    public Task Consume(ConsumeContext<ZnodeRefundRecorded> context) => Task.CompletedTask;
    public Task Consume(ConsumeContext<ZnodeRefundReversed> context) => Task.CompletedTask;
    public Task Consume(ConsumeContext<ZnodeReturnCompleted> context) => Task.CompletedTask;
    public Task Consume(ConsumeContext<ZnodeAccountReported> context) => Task.CompletedTask;
    public Task Consume(ConsumeContext<ZnodeAccountSynced> context) => Task.CompletedTask;
}
