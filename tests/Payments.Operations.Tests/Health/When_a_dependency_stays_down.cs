using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Payments.Operations.Health;
using Payments.Operations.Tests.Alerts;
using Payments.Persistence.Configuration;
using Payments.Simulators.Smtp;

namespace Payments.Operations.Tests.Health;

/// <summary>
/// The dependency monitor reads a service's <c>/health</c> (here a listener that answers 503, then 200), the operations database and,
/// on the RabbitMQ transport, the broker's management API: down for longer than <c>Alerts:DependencyDownAfter</c> is one alert, its
/// recovery another.
/// </summary>
public class When_a_dependency_stays_down
{
    bool _healthy;

    [Test]
    public async Task Should_alert_once_when_down_too_long_and_once_when_recovered()
    {
        await using var database = await TestDatabase.Create(DatabaseProvider.Sqlite, "payments_alerts");
        await using var smtp = await SmtpCatcher.StartAsync();
        await using var webhook = await WebhookReceiver.StartAsync();
        await using var p21Service = await StartServiceAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-30T10:00:00Z"));
        var settings = new Dictionary<string, string?>
        {
            ["Alerts:DependencyDownAfter"] = "00:05:00",
            // The test probes by hand: the monitor's own loop (on the fake clock) would otherwise probe too when the clock is advanced,
            // and send the alert from its own task while the test's probe finds it already recorded — a race on when the mail lands.
            ["Health:Interval"] = "01:00:00",
            ["Health:Services:p21"] = new Uri(new Uri(p21Service.Urls.First()), "/health").ToString(),
        };
        var rabbit = Environment.GetEnvironmentVariable("PAYMENTS_TEST_RABBITMQ_MGMT_URI");
        if (rabbit is not null)
        {
            settings["Bus:Transport"] = "RabbitMq";
            settings["Bus:RabbitMq:ManagementUri"] = rabbit;
            settings["Bus:RabbitMq:Username"] = Environment.GetEnvironmentVariable("PAYMENTS_TEST_RABBITMQ_USER");
            settings["Bus:RabbitMq:Password"] = Environment.GetEnvironmentVariable("PAYMENTS_TEST_RABBITMQ_PASS");
        }
        await using var replica = await AlertingReplica.StartAsync(database, smtp, webhook, clock, settings, b => b.AddOperationsHealth());
        var monitor = replica.Services.GetRequiredService<DependencyMonitor>();

        _healthy = false;
        await monitor.ProbeAllAsync(CancellationToken.None);
        var status = replica.Services.GetRequiredService<IDependencyStatus>().Current;
        Assert.That(status.Single(h => h.Name == "service:p21"), Has.Property("Healthy").False.And.Property("DownSince").EqualTo(clock.GetUtcNow()));
        Assert.That(status.Single(h => h.Name == "database:operations").Healthy, Is.True);
        if (rabbit is not null)
            Assert.That(status.Single(h => h.Name == "rabbitmq"), Has.Property("Healthy").True.And.Property("Detail").Contains("RabbitMQ"));

        clock.Advance(TimeSpan.FromMinutes(4));
        await monitor.ProbeAllAsync(CancellationToken.None);
        Assert.That(smtp.Mails, Is.Empty, "down for less than Alerts:DependencyDownAfter");

        clock.Advance(TimeSpan.FromMinutes(2));
        await monitor.ProbeAllAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(1));
        await monitor.ProbeAllAsync(CancellationToken.None);
        Assert.That(smtp.Mails.Select(m => m.Subject), Is.EqualTo(new[] { "[payments] service:p21 is down since 2026-11-30 10:00:00Z" }));
        Assert.That(smtp.Mails[0].TextBody, Does.Contain("503"));

        _healthy = true;
        await monitor.ProbeAllAsync(CancellationToken.None);
        await monitor.ProbeAllAsync(CancellationToken.None);
        Assert.That(smtp.Mails.Select(m => m.Subject), Is.EqualTo(new[]
        {
            "[payments] service:p21 is down since 2026-11-30 10:00:00Z",
            "[payments] service:p21 has recovered",
        }));
        Assert.That(replica.Services.GetRequiredService<IDependencyStatus>().Current.Single(h => h.Name == "service:p21").DownSince, Is.Null);
    }

    async Task<WebApplication> StartServiceAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/health", () => _healthy ? Results.Text("Healthy") : Results.Text("Unhealthy", statusCode: 503));
        await app.StartAsync();
        return app;
    }
}
