using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Payments.Contracts.ChargeToOrder;
using Payments.Contracts.Shared;
using Payments.Persistence.Audit;
using Payments.ServiceDefaults.Http;
using Payments.Simulators.Stripe;
using Payments.StripeService.Client;
using Payments.Testing.Audit;

namespace Payments.StripeService.Tests.Audit;

/// <summary>
/// Calls to Stripe hold one of the service's call slots (<c>Stripe:Http:MaxConcurrentRequests</c>) while they are sent and answered; a
/// write's audit entry is written before it waits for the slot and completed after it gave the slot back, so the audit database's round
/// trips never keep a slot from the calls waiting for one.
/// </summary>
[TestFixture]
public class When_the_stripe_service_audits_a_write
{
    StripeServiceHost _service = null!;
    SlotWatchingTrail _trail = null!;
    string _chargeId = "";

    [OneTimeSetUp]
    public async Task Record_an_order_on_a_charge()
    {
        _service = await StripeServiceHost.StartAsync(services: services => SlotWatchingTrail.Replace(services, StripeOptions.Section, trail => _trail = trail));
        _chargeId = _service.Stripe.CreateCharge(new ChargeSpec());

        // One message at a time: no other call can hold a slot while this one's entries are recorded.
        await _service.Harness.Bus.Publish(new RecordP21OrderOnCharge
        {
            CorrelationId = CorrelationKey.StripePayment(null, _chargeId).ToGuid(), ChargeId = _chargeId, OrderNo = "1000123", CustomerId = 10042,
        });
        Assert.That(await _service.ConsumedAsync<StripeChargeOrderReferenceRecorded>(), Is.True, "the order was not recorded on the charge");
    }

    [OneTimeTearDown]
    public async Task Stop() => await _service.DisposeAsync();

    [Test]
    public void Should_record_the_write_before_taking_a_call_slot_and_complete_it_after_giving_it_back()
    {
        var slots = _service.Host.Services.GetRequiredService<IOptionsMonitor<OutboundHttpOptions>>().Get(StripeOptions.Section).MaxConcurrentRequests;
        var update = _trail.Seen.Where(s => s.Action == $"POST /v1/charges/{_chargeId}").ToList();

        Assert.That(update.Select(s => s.Outcome), Is.EqualTo(new[] { AuditOutcomes.Pending, AuditOutcomes.Succeeded }), "the charge update's start and outcome");
        Assert.That(update.Select(s => s.FreeSlots), Is.All.EqualTo(slots), "an audit entry was recorded while its call held one of Stripe's slots");
    }
}
