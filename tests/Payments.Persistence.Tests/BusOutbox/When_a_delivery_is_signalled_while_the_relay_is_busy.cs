using Microsoft.Extensions.DependencyInjection;
using Payments.Persistence.BusOutbox;
using Payments.Persistence.Configuration;
using Payments.Persistence.Tests.Model;
using Payments.Persistence.Tests.Support;

namespace Payments.Persistence.Tests.BusOutbox;

/// <summary>
/// A webhook commits (and signals) while the relay is in a pass, after that pass looked for work: the relay is not
/// waiting at that moment. The poll is set to ten minutes, so only the signal can bring the relay back soon.
/// </summary>
public class When_a_delivery_is_signalled_while_the_relay_is_busy
{
    [Test]
    public async Task Should_not_wait_for_the_poll_before_the_next_pass()
    {
        await using var database = await TestDatabase.Create(DatabaseProvider.Sqlite, "payments_persistence_test");
        await using var host = await PersistenceHost.Start(database, new PersistenceHost.HostOptions
        {
            RunRelay = false,
            QueryDelay = TimeSpan.FromMinutes(10),
        });
        var signal = host.Services.GetRequiredService<BusOutboxSignal<TestDbContext>>();

        signal.Delivered();
        var wait = signal.WaitForDelivery(CancellationToken.None);
        var woken = await Task.WhenAny(wait, Task.Delay(TimeSpan.FromSeconds(20))) == wait;

        Assert.That(woken, Is.True, "the signal given while nobody waited was lost; the relay sleeps until the next poll");
    }
}
