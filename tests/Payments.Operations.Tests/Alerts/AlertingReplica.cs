using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Payments.Operations.Alerts;
using Payments.Operations.Alerts.Data;
using Payments.Simulators.Smtp;

namespace Payments.Operations.Tests.Alerts;

/// <summary>
/// One replica of the operations service's alerting, as the service wires it (<see cref="AlertsExtensions"/>), on its own in-memory bus,
/// on a shared operations database, sending to a real SMTP server and a real webhook listener, on a clock the test moves.
/// </summary>
public sealed class AlertingReplica : IAsyncDisposable
{
    public const string Recipient = "ops@example.com";
    public const string WebhookSecret = "hook-secret-1";

    readonly IHost _host;

    AlertingReplica(IHost host) => _host = host;

    public IBus Bus => _host.Services.GetRequiredService<IBus>();

    public IServiceProvider Services => _host.Services;

    public static async Task<AlertingReplica> StartAsync(TestDatabase database, SmtpCatcher smtp, WebhookReceiver webhook, FakeTimeProvider clock,
        IDictionary<string, string?>? settings = null, Action<IHostApplicationBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = database.Provider.ToString(),
            ["ConnectionStrings:Operations"] = database.ConnectionString,
            ["Alerts:Email:Host"] = smtp.Host,
            ["Alerts:Email:Port"] = smtp.Port.ToString(),
            ["Alerts:Email:Security"] = "None",
            ["Alerts:Email:From"] = "payments@example.com",
            ["Alerts:Email:To:0"] = Recipient,
            ["Alerts:Webhook:Url"] = webhook.Url.ToString(),
            ["Alerts:Webhook:Secret"] = WebhookSecret,
            ["Alerts:DedupWindow"] = "01:00:00",
            ["Alerts:SummaryInterval"] = "00:00:00.2",
        });
        if (settings is not null)
            builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.AddOperationsAlerts();
        configure?.Invoke(builder);
        builder.Services.AddMassTransit(bus =>
        {
            bus.AddOperationsAlertConsumers();
            bus.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
        });
        var host = builder.Build();
        await host.StartAsync();
        return new AlertingReplica(host);
    }

    /// <summary>The occurrences counted so far in every alert window.</summary>
    public async Task<int> OccurrencesAsync()
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AlertsDbContext>();
        return await db.Episodes.SumAsync(e => e.Occurrences);
    }

    public async Task WaitForOccurrencesAsync(int expected, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        int seen;
        while ((seen = await OccurrencesAsync()) < expected && DateTime.UtcNow < until)
            await Task.Delay(100);
        Assert.That(seen, Is.EqualTo(expected), "occurrences counted in the operations database");
    }

    /// <summary>Waits until <paramref name="count"/> reaches <paramref name="expected"/>, then a little longer, so that one too many would be seen.</summary>
    public static async Task SettleAsync(Func<int> count, int expected, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (count() < expected && DateTime.UtcNow < until)
            await Task.Delay(25);
        await Task.Delay(TimeSpan.FromMilliseconds(500));
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
