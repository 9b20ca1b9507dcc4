using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Payments.Persistence.Configuration;
using Payments.Persistence.Sagas;
using Payments.Persistence.Scheduling;
using Payments.Persistence.Tests.Scheduling.Model;
using Payments.Persistence.Tests.Support;
using ScheduledMessage = Payments.Persistence.Scheduling.ScheduledMessage;

namespace Payments.Persistence.Tests.Scheduling;

/// <summary>
/// One replica of a service that hosts the scheduler, as the sagas service is wired: the scheduler on the service's
/// database, UseMessageScheduler on the bus, a consumer and a saga that schedule behind the inbox/outbox. Each host
/// has its own in-memory bus; hosts of one test share the database, the <see cref="ReminderLog"/> and the tokens.
/// </summary>
public sealed class SchedulerHost : IAsyncDisposable
{
    /// <summary>Short, so a test waits a few hundred milliseconds for what a service waits seconds.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    readonly IHost _host;

    SchedulerHost(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public ITestHarness Harness => Services.GetRequiredService<ITestHarness>();

    /// <summary>Creates the schema once, before any host of the test starts.</summary>
    public static async Task CreateSchema(TestDatabase database)
    {
        var options = new DbContextOptionsBuilder<SchedulingTestDbContext>();
        options.UsePaymentsProvider(database.Provider, database.ConnectionString);
        await using var db = new SchedulingTestDbContext(options.Options);
        await db.Database.EnsureCreatedAsync();
    }

    public static async Task<SchedulerHost> Start(TestDatabase database, string name, ReminderLog log, ReminderTokens tokens, int batchSize = 100)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddPaymentsDbContext<SchedulingTestDbContext>(database.Provider, database.ConnectionString);
        builder.Services.AddSingleton(log);
        builder.Services.AddSingleton(tokens);
        builder.Services.AddSingleton(new HostName(name));
        builder.Services.AddSingleton(TimeProvider.System);

        builder.Services.AddMassTransitTestHarness(bus =>
        {
            bus.SetKebabCaseEndpointNameFormatter();
            bus.AddPaymentsScheduler<SchedulingTestDbContext>(o =>
            {
                o.MaxPollInterval = PollInterval;
                o.BatchSize = batchSize;
            });
            // What AddPaymentsMessageScheduler (ServiceDefaults) and AddPaymentsBus do for a service.
            bus.AddMessageScheduler(SchedulerEndpoint.Address);
            bus.AddConsumer<ReminderScheduler, ReminderSchedulerDefinition>();
            bus.AddConsumer<ReminderRecorder, ReminderRecorderDefinition>();
            bus.AddSagaStateMachine<InvoiceStateMachine, InvoiceState, InvoiceStateDefinition>()
                .PaymentsEfRepository<InvoiceState, SchedulingTestDbContext>();

            bus.UsingInMemory((context, cfg) =>
            {
                cfg.UseMessageScheduler(SchedulerEndpoint.Address);
                cfg.ConfigureEndpoints(context);
            });
        });

        var host = builder.Build();
        await host.StartAsync();
        var schedulerHost = new SchedulerHost(host);
        schedulerHost.Harness.TestTimeout = TimeSpan.FromSeconds(60);
        await schedulerHost.WarmUp(log);
        return schedulerHost;
    }

    /// <summary>
    /// One reminder and one invoice due at once, through every step a test times: the first message of a fresh process
    /// takes seconds on a busy machine, which would eat the time a test leaves itself before a due time.
    /// </summary>
    async Task WarmUp(ReminderLog log)
    {
        var reminderId = NewId.NextGuid();
        var invoiceId = NewId.NextGuid();
        await Publish(new ScheduleReminder(reminderId, "warm-up", DateTime.UtcNow));
        await Publish(new InvoiceIssued(invoiceId, DateTime.UtcNow));

        var warm = await Eventually.True(async () => log.For(reminderId).Count > 0
            && await Query(db => db.Set<InvoiceState>().AnyAsync(x => x.CorrelationId == invoiceId && x.CurrentState == "Overdue")),
            TimeSpan.FromSeconds(60));
        if (!warm)
            throw new InvalidOperationException("The warm-up reminder or invoice did not fire within 60 s.");
    }

    /// <remarks>
    /// Async on purpose: MassTransit sets its ambient log context on the calling flow, and a host started later in the
    /// same test would otherwise log through this host's disposed logger factory.
    /// </remarks>
    public async Task Publish<T>(T message)
        where T : class =>
        await Harness.Bus.Publish(message);

    public async Task<T> Query<T>(Func<SchedulingTestDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<SchedulingTestDbContext>());
    }

    public Task<List<ScheduledMessage>> ScheduledMessages() => Query(db => db.Set<ScheduledMessage>().AsNoTracking().ToListAsync());

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
