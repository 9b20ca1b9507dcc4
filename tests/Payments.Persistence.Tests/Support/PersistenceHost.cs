using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Payments.Persistence.BusOutbox;
using Payments.Persistence.Configuration;
using Payments.Persistence.Outbox;
using Payments.Persistence.Sagas;
using Payments.Persistence.Tests.Model;

namespace Payments.Persistence.Tests.Support;

/// <summary>A host wired as a service would be: EF saga repository, inbox/outbox on every endpoint, bus outbox and relay, on the in-memory transport.</summary>
public sealed class PersistenceHost : IAsyncDisposable
{
    readonly IHost _host;

    PersistenceHost(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public ITestHarness Harness => Services.GetRequiredService<ITestHarness>();

    public DeliveryLog Log => Services.GetRequiredService<DeliveryLog>();

    public SagaGate Gate => Services.GetRequiredService<SagaGate>();

    public InitiationGate<OrderState> Initiation => Services.GetRequiredService<InitiationGate<OrderState>>();

    public BrokerOutage Outage => Services.GetRequiredService<BrokerOutage>();

    public SendGate SendGate => Services.GetRequiredService<SendGate>();

    public static async Task<PersistenceHost> Start(TestDatabase database, HostOptions? options = null)
    {
        options ??= new HostOptions();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<DeliveryLog>();
        builder.Services.AddSingleton<SagaGate>();
        builder.Services.AddSingleton<InitiationGate<OrderState>>();
        builder.Services.AddSingleton<IEventObserver<OrderState>>(provider => provider.GetRequiredService<InitiationGate<OrderState>>());
        builder.Services.AddSingleton(options.Outage ?? new BrokerOutage());
        builder.Services.AddSingleton(options.SendGate ?? new SendGate());
        foreach (var (key, value) in options.Settings)
            builder.Configuration[key] = value;
        // The configuration path a service uses; its start-up migration runs before the bus starts.
        builder.Configuration["Database:Provider"] = database.Provider.ToString();
        builder.Configuration["ConnectionStrings:Test"] = database.ConnectionString;
        builder.AddPaymentsDbContext<TestDbContext>("Test");
        if (options.Commands is { } commands)
            builder.Services.ConfigureDbContext<TestDbContext>(o => o.AddInterceptors(commands));
        options.ConfigureServices?.Invoke(builder.Services);

        builder.Services.AddMassTransitTestHarness(bus =>
        {
            bus.AddPaymentsOutbox<TestDbContext>();
            bus.AddPaymentsBusOutbox<TestDbContext>(o => o.QueryDelay = options.QueryDelay, runRelay: options.RunRelay);
            bus.AddSagaStateMachine<OrderStateMachine, OrderState>().PaymentsEfRepository<OrderState, TestDbContext>();
            bus.AddSagaStateMachine<RefundStateMachine, RefundState>().PaymentsEfRepository<RefundState, TestDbContext>();
            bus.AddConsumer<LedgerConsumer>();
            bus.AddConsumer<DeliveryRecorder, DeliveryRecorderDefinition>();
            if (options.UseConsumerOutbox)
                bus.AddConfigureEndpointsCallback((context, _, endpoint) => endpoint.UsePaymentsOutbox<TestDbContext>(context));

            bus.UsingInMemory((context, cfg) =>
            {
                cfg.ConcurrentMessageLimit = 32;
                cfg.ConfigureSend(send =>
                {
                    send.UseFilter(new SendGateFilter(context.GetRequiredService<SendGate>()));
                    send.UseFilter(new BrokerOutageFilter(context.GetRequiredService<BrokerOutage>()));
                });
                cfg.ConfigureEndpoints(context);
            });
        });

        var host = builder.Build();
        try
        {
            await host.StartAsync();
        }
        catch
        {
            // A refused configuration: the host's services go with it, so the test's database can go too.
            host.Dispose();
            throw;
        }

        return new PersistenceHost(host);
    }

    public async Task<T> InScope<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public Task<T> Query<T>(Func<TestDbContext, Task<T>> query) => InScope(provider => query(provider.GetRequiredService<TestDbContext>()));

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    public sealed class HostOptions
    {
        public bool RunRelay { get; init; } = true;
        public bool UseConsumerOutbox { get; init; } = true;
        public BrokerOutage? Outage { get; init; }
        public SendGate? SendGate { get; init; }

        /// <summary>The relay's fallback poll: short, so a test does not wait on it unless it sets it long on purpose.</summary>
        public TimeSpan QueryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

        /// <summary>Configuration keys as a service reads them (<c>Database:Outbox:RetryDelay</c>, ...).</summary>
        public Dictionary<string, string?> Settings { get; init; } = [];
        public Action<IServiceCollection>? ConfigureServices { get; init; }

        /// <summary>Keeps every command the host's <see cref="TestDbContext"/> runs, for a test to read or to ask the database to plan.</summary>
        public CommandLog? Commands { get; init; }
    }
}
