using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Payments.Contracts.ChargeToOrder;
using Payments.Contracts.Shared;
using Payments.P21Service.Client;
using Payments.Persistence.Audit;
using Payments.ServiceDefaults.Http;
using Payments.Simulators.P21.Store;
using Payments.Testing.Audit;

namespace Payments.P21Service.Tests.Audit;

/// <summary>
/// P21 serves its Transaction API from a few pooled sessions, and the service holds one of its call slots (<c>P21:Http:MaxConcurrentRequests</c>)
/// for each call. The audit entry of the call is written before and completed after: if that happened inside the slot, every call would
/// keep a session idle for the audit database's round trips and commits, and a burst would drain below P21's capacity.
/// </summary>
[TestFixture]
public class When_the_p21_service_audits_a_write_to_p21s_session_pool
{
    P21BusHost<OrderPostedStandIn> _host = null!;
    SlotWatchingTrail _trail = null!;

    [OneTimeSetUp]
    public async Task Post_an_order()
    {
        _host = await P21BusHost<OrderPostedStandIn>.StartAsync(services: services => SlotWatchingTrail.Replace(services, P21Options.Section, trail => _trail = trail));
        var payment = P21Harness.Payment(P21Seed.AcmeEmail);
        var subject = CorrelationKey.StripePayment(payment.PaymentIntentId, payment.ChargeId).ToGuid();

        // One message at a time: no other call can hold a slot while this one's entries are recorded.
        await _host.Harness.Bus.Publish(new PostP21Order { CorrelationId = subject, Payment = payment });
        Assert.That(await _host.PublishedAsync<P21OrderPosted>(m => m.CorrelationId == subject), Is.Not.Null, "the order was not posted");
    }

    [OneTimeTearDown]
    public async Task Stop() => await _host.DisposeAsync();

    [Test]
    public void Should_record_the_transaction_before_taking_a_call_slot_and_complete_it_after_giving_it_back()
    {
        var slots = _host.Services.GetRequiredService<IOptionsMonitor<OutboundHttpOptions>>()
            .Get(P21Options.Section).MaxConcurrentRequests;
        var transaction = _trail.Seen.Where(s => s.Action.StartsWith("POST ", StringComparison.Ordinal) && s.Action.EndsWith("/api/v2/transaction", StringComparison.Ordinal)).ToList();

        Assert.That(transaction.Select(s => s.Outcome), Is.EqualTo(new[] { AuditOutcomes.Pending, AuditOutcomes.Succeeded }), "the Transaction API call's start and outcome");
        Assert.That(transaction.Select(s => s.FreeSlots), Is.All.EqualTo(slots), "an audit entry was recorded while its call held one of P21's slots");
    }
}
