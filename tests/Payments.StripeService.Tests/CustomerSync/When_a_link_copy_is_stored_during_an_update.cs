using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Payments.Contracts.CustomerSync;
using Payments.Contracts.Shared;
using Payments.Persistence.Configuration;
using Payments.Simulators.Stripe.Account;
using Payments.StripeService.Data;

namespace Payments.StripeService.Tests.CustomerSync;

/// <summary>
/// A customer's first update and its first link copy (<c>CustomerLinkChanged</c>) both add the service's <see cref="CustomerLink"/> row,
/// on two endpoints at once. On PostgreSQL the later insert waits for the earlier commit and then fails on the key; the step is run
/// again. The update's row is stored before Stripe is called, so that rerun repeats no Stripe call (stored at commit, it did: CI saw two
/// POSTs for one update).
/// </summary>
[TestFixture]
public class When_a_link_copy_is_stored_during_an_update
{
    StripeServiceHost _service = null!;
    string _customerId = null!;

    [SetUp]
    public async Task Start()
    {
        _service = await StripeServiceHost.StartAsync(provider: DatabaseProvider.Postgres);
        _customerId = (string)_service.Stripe.Account.CreateCustomer(new CustomerFields { Email = "ap@acme-supply.example", Name = "Acme Supply" })["id"]!;
    }

    [TearDown]
    public async Task Stop()
    {
        if (_service is not null) await _service.DisposeAsync();
    }

    int Updates => _service.Stripe.Requests.Count(r => r.Method == "POST" && r.Path == $"/v1/customers/{_customerId}");

    /// <summary>Whether a session of the service's database waits for a lock (the update's insert, behind the open link copy).</summary>
    async Task<bool> SomeoneWaitsForALockAsync()
    {
        await using var connection = new NpgsqlConnection(_service.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", connection);
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }

    [Test]
    public async Task Should_call_Stripe_once_and_keep_both_the_link_and_the_revision()
    {
        // The link copy's transaction: its row inserted, not yet committed.
        using var scope = _service.Host.Services.CreateScope();
        var copy = scope.ServiceProvider.GetRequiredService<StripeServiceDbContext>();
        await using var transaction = await copy.Database.BeginTransactionAsync();
        copy.CustomerLinks.Add(new CustomerLink { StripeCustomerId = _customerId, P21CustomerId = 42, ZnodeUserId = 7, Version = 1, ChangedAt = DateTime.UtcNow });
        await copy.SaveChangesAsync();

        await _service.Harness.Bus.Publish(new UpdateStripeCustomer
        {
            CorrelationId = CorrelationKey.StripeCustomer(_customerId).ToGuid(),
            StripeCustomerId = _customerId,
            IdempotencyKey = $"customer-sync:{_customerId}:r5",
            Fields = new Dictionary<string, string?> { [CustomerFieldNames.City] = "York" },
            Record = new Dictionary<string, string?> { [CustomerFieldNames.City] = "York" },
            Revision = 5,
        });

        // The update reaches the row: it waits for the lock, or (as before the fix) has called Stripe already.
        var reached = false;
        for (var attempt = 0; attempt < 300 && !reached; attempt++)
        {
            reached = Updates > 0 || await SomeoneWaitsForALockAsync();
            if (!reached) await Task.Delay(100);
        }
        Assert.That(reached, "the update neither called Stripe nor waited for the link row within 30 s");
        var updatesWhileTheCopyWasOpen = Updates;
        await transaction.CommitAsync();

        Assert.That(await _service.ConsumedAsync<StripeCustomerUpdated>(), "no StripeCustomerUpdated");
        Assert.That(_service.Harness.Published.Select<Fault<UpdateStripeCustomer>>().Any(), Is.False, "the update faulted");
        await using var read = _service.Host.Services.CreateAsyncScope();
        var link = await read.ServiceProvider.GetRequiredService<StripeServiceDbContext>().CustomerLinks.AsNoTracking()
            .SingleAsync(l => l.StripeCustomerId == _customerId);
        Assert.Multiple(() =>
        {
            Assert.That(updatesWhileTheCopyWasOpen, Is.Zero, "Stripe was called before the link row was stored");
            Assert.That(Updates, Is.EqualTo(1), "Stripe customer updates");
            Assert.That((string?)_service.Stripe.Account.Get(_customerId)!["address"]!["city"], Is.EqualTo("York"));
            Assert.That((link.P21CustomerId, link.ZnodeUserId, link.Version), Is.EqualTo(((long?)42, (int?)7, 1L)), "the link copy");
            Assert.That(JsonSerializer.Deserialize<Dictionary<string, long>>(link.FieldRevisions), Does.ContainKey(CustomerFieldNames.City).WithValue(5L));
        });
    }
}
