using Payments.P21Service.Client;

namespace Payments.P21Service.Tests.Client;

/// <summary>
/// A P21 call canceled because the message's handling was (the consume context's token) must end in a cancellation of that token:
/// MassTransit returns such a message to the broker, but faults one canceled with another token (HttpClient's and Refit's linked
/// ones) as a ConsumerCanceledException, into <c>_error</c> — which the full chaos run showed for two orders of 1,000.
/// </summary>
[TestFixture]
public class When_a_p21_call_is_canceled
{
    [Test]
    public async Task Should_end_in_a_cancellation_of_the_callers_token_not_the_http_clients()
    {
        using var caller = new CancellationTokenSource();
        // HttpClient links the caller's token with its own time-out; the cancellation it throws carries the linked token.
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(caller.Token);
        await caller.CancelAsync();

        var canceled = Assert.CatchAsync<OperationCanceledException>(() => P21Failures.CallAsync<bool>("the order look-up", async () =>
        {
            await Task.Yield();
            throw new TaskCanceledException("The operation was canceled.", null, linked.Token);
        }, TimeProvider.System, caller.Token))!;

        Assert.That(canceled.CancellationToken, Is.EqualTo(caller.Token));
    }

    [Test]
    public async Task Should_leave_a_cancellation_of_the_callers_own_token_as_it_is()
    {
        using var caller = new CancellationTokenSource();
        await caller.CancelAsync();
        var thrown = new OperationCanceledException(caller.Token);

        var canceled = Assert.CatchAsync<OperationCanceledException>(() => P21Failures.CallAsync<bool>("the order look-up", async () =>
        {
            await Task.Yield();
            throw thrown;
        }, TimeProvider.System, caller.Token))!;

        Assert.That(canceled, Is.SameAs(thrown));
    }
}
