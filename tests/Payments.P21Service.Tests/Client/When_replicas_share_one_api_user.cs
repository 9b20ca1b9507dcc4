using System.Globalization;
using Payments.Contracts.ChargeToOrder;
using Payments.Contracts.Shared;
using Payments.ServiceDefaults.Failures;
using Payments.Simulators.P21;
using Payments.Simulators.P21.Faults;
using Payments.Simulators.P21.Store;

namespace Payments.P21Service.Tests.Client;

/// <summary>
/// Each token request may end the API user's earlier sessions (docs/external-apis/p21.md#tokens; the simulator does, by default):
/// two replicas of the P21 service on one API user end each other's tokens all the time and must keep working.
/// </summary>
[TestFixture]
public class When_replicas_share_one_api_user
{
    /// <summary>Posts as the message pipeline would: a transient failure is retried; a permanent one is not.</summary>
    static async Task<P21OrderPosted> PostWithRetriesAsync(P21Harness harness, PaymentDetails payment)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await harness.PostAsync(payment);
            }
            catch (TransientFailureException e) when (attempt < 5)
            {
                await Task.Delay(e.RetryAfter ?? TimeSpan.FromMilliseconds(200));
            }
        }
    }

    [Test]
    public async Task Should_post_every_order_once_from_two_replicas_that_end_each_others_sessions()
    {
        await using var simulator = await P21Simulator.StartAsync();
        await using var first = await P21Harness.StartOnAsync(simulator);
        await using var second = await P21Harness.StartOnAsync(simulator);
        var metadata = new Dictionary<string, string> { [StripeMetadataKeys.P21CustomerId] = P21Seed.AcmeCustomerId.ToString(CultureInfo.InvariantCulture) };
        var payments = Enumerable.Range(0, 24).Select(_ => P21Harness.Payment(metadata: metadata,
            lines: [new OrderLine { Sku = "WIDGET-001", Quantity = 1, UnitAmountMinor = 1250 }])).ToList();

        // Each replica takes every other payment, all at once.
        var posted = await Task.WhenAll(payments.Select((payment, i) => PostWithRetriesAsync(i % 2 == 0 ? first : second, payment)));

        var tokenRequests = simulator.Requests.Count(r => r.Route == P21Route.Token);
        TestContext.Out.WriteLine($"{payments.Count} orders from two replicas: {tokenRequests} token requests, "
                                  + $"{simulator.Requests.Count(r => r.StatusCode == 401)} calls answered 401");
        Assert.Multiple(() =>
        {
            Assert.That(payments.Select(p => simulator.Store.FindOrdersByReference(p.ChargeId).Count), Is.All.EqualTo(1), "every order once");
            Assert.That(posted.Select(p => p.OrderNo).Distinct().Count(), Is.EqualTo(payments.Count));
        });
    }

    [Test]
    public async Task Should_say_the_api_user_lacks_a_permission_when_p21_refuses_a_fresh_token_for_it()
    {
        await using var harness = await P21Harness.StartAsync();
        harness.Simulator.Faults.Inject(P21Route.OData, P21Fault.PermissionDenied(), times: 10);

        var error = Assert.ThrowsAsync<PermanentFailureException>(() => harness.PostAsync(P21Harness.Payment(P21Seed.AcmeEmail)))!;

        Assert.Multiple(() =>
        {
            Assert.That(error.System, Is.EqualTo("P21"));
            Assert.That(error.Reason, Does.Contain("lacks permission for").And.Contain("oe_hdr").And.Contain("You are not authorized to access API"));
            Assert.That(error.Reason, Does.Not.Contain("credentials"));
        });
    }
}
