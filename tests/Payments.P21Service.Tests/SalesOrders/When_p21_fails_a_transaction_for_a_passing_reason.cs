using Payments.Contracts.ChargeToOrder;
using Payments.ServiceDefaults.Failures;
using Payments.ServiceDefaults.Messaging;
using Payments.Simulators.P21.Faults;
using Payments.Simulators.P21.Store;

namespace Payments.P21Service.Tests.SalesOrders;

/// <summary>
/// P21 answers HTTP 200 with <c>Summary.Failed</c> for business refusals and for conditions that pass: a pooled session left with an
/// open dialog ("Unexpected response window"), a record lock (docs/external-apis/p21.md#transaction-failures). The second kind is retried;
/// a window the API user may not open (a 500) is not.
/// </summary>
[TestFixture]
public class When_p21_fails_a_transaction_for_a_passing_reason
{
    P21Harness _harness = null!;

    [OneTimeSetUp]
    public async Task Start() => _harness = await P21Harness.StartAsync();

    [OneTimeTearDown]
    public async Task Stop() => await _harness.DisposeAsync();

    [TearDown]
    public void ClearFaults() => _harness.Simulator.Faults.Clear();

    /// <summary>Posts as the message pipeline would: a transient failure is retried (here without waiting), a permanent one is not.</summary>
    async Task<(P21OrderPosted Posted, int Attempts)> PostWithRetriesAsync(PaymentDetails payment)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return (await _harness.PostAsync(payment), attempt);
            }
            catch (TransientFailureException) when (attempt < 4)
            {
            }
        }
    }

    [TestCase(false, TestName = "Should_retry_an_order_refused_on_a_contaminated_session_and_post_it_once")]
    [TestCase(true, TestName = "Should_retry_an_order_saved_before_the_unexpected_window_and_find_it")]
    public async Task Unexpected_response_window(bool afterSave)
    {
        _harness.Simulator.Faults.Inject(P21Route.Transaction, P21Fault.UnexpectedResponseWindow(afterSave));
        var payment = P21Harness.Payment(P21Seed.AcmeEmail);

        var (posted, attempts) = await PostWithRetriesAsync(payment);

        Assert.Multiple(() =>
        {
            Assert.That(attempts, Is.EqualTo(2));
            Assert.That(posted.AlreadyExisted, Is.EqualTo(afterSave), "an order saved before the dialog is found by its reference, not posted again");
            Assert.That(_harness.Simulator.Store.FindOrdersByReference(payment.ChargeId), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task Should_retry_an_order_refused_on_a_record_lock()
    {
        _harness.Simulator.Faults.Inject(P21Route.Transaction, P21Fault.RecordLocked());
        var payment = P21Harness.Payment(P21Seed.AcmeEmail);

        var (_, attempts) = await PostWithRetriesAsync(payment);

        Assert.Multiple(() =>
        {
            Assert.That(attempts, Is.EqualTo(2));
            Assert.That(_harness.Simulator.Store.FindOrdersByReference(payment.ChargeId), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public void Should_fail_permanently_when_the_api_user_may_not_open_the_window()
    {
        _harness.Simulator.Faults.Inject(P21Route.Transaction, P21Fault.WindowNotAvailable("Order"));
        var payment = P21Harness.Payment(P21Seed.AcmeEmail);

        var error = Assert.CatchAsync(() => _harness.PostAsync(payment))!;

        Assert.Multiple(() =>
        {
            Assert.That(error, Is.InstanceOf<PermanentFailureException>(), error.Message);
            Assert.That(FailureClassifier.Classify(error), Is.EqualTo(FailureKind.Permanent), "not retried for an hour");
            Assert.That(error.Message, Does.Contain("Window <<Order>> is not available or user does not have permission to open it"));
            Assert.That(_harness.Simulator.Store.FindOrdersByReference(payment.ChargeId), Is.Empty);
        });
    }
}
