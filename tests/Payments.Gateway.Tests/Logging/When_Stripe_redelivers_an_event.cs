using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Payments.Contracts.ChargeToOrder;
using Payments.Gateway.Data;
using Payments.Persistence.Configuration;
using Payments.Simulators.Stripe;

namespace Payments.Gateway.Tests.Logging;

/// <summary>
/// A redelivery is an expected path: Stripe sends an event again whenever it missed our 200. It must not page anyone, so
/// it logs nothing at Warning or above, while a real database failure on the same path still logs an error.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public class When_Stripe_redelivers_an_event(DatabaseProvider provider)
{
    CapturedLogs _logs = null!;
    GatewayHost _gateway = null!;

    [SetUp]
    public async Task Start()
    {
        _logs = new CapturedLogs { MinimumLevel = LogLevel.Debug };
        _gateway = provider == DatabaseProvider.Postgres
            ? await GatewayHost.StartOnPostgresAsync(TestPostgres.ServerOrIgnore(), logs: _logs)
            : await GatewayHost.StartAsync(logs: _logs);
    }

    [TearDown]
    public async Task Stop()
    {
        if (_gateway is not null) await _gateway.DisposeAsync();
        _logs?.Dispose();
    }

    [Test]
    public async Task Should_log_no_warning_or_error_however_often_it_comes()
    {
        var evt = StripeEventBuilder.ChargeSucceeded();
        var first = await _gateway.PostAsync(evt.Json, evt.Sign(GatewayHost.Secret));
        _logs.Clear();

        var storm = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => _gateway.PostAsync(evt.Json, evt.Sign(GatewayHost.Secret))));
        var later = await _gateway.PostAsync(evt.Json, evt.Sign(GatewayHost.Secret));

        Assert.That(storm.Append(later).Append(first).Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.OK));
        Assert.That(await _gateway.PublishedAsync<StripeChargeSucceeded>(), Has.Count.EqualTo(1));
        Assert.That(_logs.AtLeast(LogLevel.Warning), Is.Empty);
        Assert.Multiple(() =>
        {
            Assert.That(_logs.Entries.Count(e => e.Level == LogLevel.Information && e.Message.Contains("already received")), Is.EqualTo(21));
            // Every duplicate met the unique key (no check-then-act), and EF Core's entry for it went to Debug.
            Assert.That(_logs.Entries.Count(e => e.EventId.Id == CoreEventId.SaveChangesFailed.Id && e.Level == LogLevel.Debug), Is.EqualTo(21));
        });
    }

    [Test]
    public async Task Should_still_log_a_real_database_failure_as_an_error()
    {
        await using (var scope = _gateway.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<GatewayDbContext>().Database.ExecuteSqlRawAsync("DROP TABLE \"WebhookEvents\"");
        _logs.Clear();
        var evt = StripeEventBuilder.ChargeSucceeded();

        var response = await _gateway.PostAsync(evt.Json, evt.Sign(GatewayHost.Secret));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That(_logs.AtLeast(LogLevel.Error).Where(e => e.Category.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal)), Is.Not.Empty,
            string.Join(Environment.NewLine, _logs.AtLeast(LogLevel.Warning)));
    }
}
