using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;
using Payments.Persistence.Audit;
using Payments.Persistence.Tests.Support;

namespace Payments.Persistence.Tests.Audit;

/// <summary>A host with the audit trail (<see cref="AuditTrailExtensions.AddPaymentsAuditTrail(IHostApplicationBuilder)"/>) on a test database, migrated at start.</summary>
sealed class AuditHost : IAsyncDisposable
{
    readonly IHost _host;

    AuditHost(IHost host, CapturedLogs logs)
    {
        _host = host;
        Logs = logs;
    }

    public IServiceProvider Services => _host.Services;

    public IAuditTrail Trail => _host.Services.GetRequiredService<IAuditTrail>();

    /// <summary>What the host and the clients logged at Information or above.</summary>
    public CapturedLogs Logs { get; }

    /// <summary>Starts the host; <paramref name="commands"/>, when given, sees every command the audit trail's context runs.</summary>
    public static async Task<AuditHost> Start(TestDatabase database, IDictionary<string, string?>? settings = null, CommandLog? commands = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "Payments.P21Service" });
        var logs = new CapturedLogs();
        builder.Logging.ClearProviders().AddProvider(logs);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = database.Provider.ToString(),
            ["ConnectionStrings:Audit"] = database.ConnectionString,
        });
        if (settings is not null)
            builder.Configuration.AddInMemoryCollection(settings);
        builder.AddPaymentsAuditTrail();
        if (commands is not null)
            builder.Services.ConfigureDbContext<AuditDbContext>(o => o.AddInterceptors(commands));
        var host = builder.Build();
        await host.StartAsync();
        return new AuditHost(host, logs);
    }

    public async Task<T> Query<T>(Func<AuditDbContext, Task<T>> query)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AuditDbContext>());
    }

    /// <summary>An HTTP client whose writes go through <see cref="AuditingHandler"/> to <paramref name="system"/>, answered by <paramref name="answer"/>.</summary>
    public HttpClient ClientOf(string system, AnsweringHandler answer) => ClientOf(_host.Services.GetRequiredService<IAuditTrail>(), system, answer, Logs);

    /// <summary>The same over any trail (one whose database is down).</summary>
    public static HttpClient ClientOf(IAuditTrail trail, string system, AnsweringHandler answer, CapturedLogs? logs = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(trail);
        services.AddSingleton<IHostEnvironment>(new HostingEnvironment { ApplicationName = "Payments.P21Service" });
        services.AddSingleton(TimeProvider.System);
        services.AddLogging(logging => logging.AddProvider(logs ?? new CapturedLogs()));
        services.AddOptions<AuditOptions>();
        services.AddHttpClient("system", c => c.BaseAddress = new Uri("http://system.test"))
            .ConfigurePrimaryHttpMessageHandler(() => answer)
            .AddAuditTrail(system);
        return services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>().CreateClient("system");
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}

/// <summary>The system at the outer edge: answers each request with what the test says, and keeps what it was sent.</summary>
sealed class AnsweringHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
{
    public readonly List<string> Received = [];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (Received)
            Received.Add($"{request.Method} {request.RequestUri?.AbsolutePath}");
        return Task.FromResult(answer(request));
    }
}
