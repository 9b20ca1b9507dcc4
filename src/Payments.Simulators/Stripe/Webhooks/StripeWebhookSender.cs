using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Payments.Simulators.Stripe.Account;

namespace Payments.Simulators.Stripe.Webhooks;

/// <summary>
/// Sends the account's events to the configured endpoint, one at a time in the order they happened, each POSTed as Stripe does:
/// the event's JSON as the body, <c>Stripe-Signature</c> signed at the moment of sending (a resend gets a new timestamp). Sending is
/// asynchronous to the API call that caused the event, as at Stripe. There are no automatic retries; a failed event stays
/// <c>delivery_success=false</c> and can be sent again with <see cref="DeliverAsync"/> (or <c>POST /_sim/events/{id}/deliver</c>).
/// </summary>
public sealed class StripeWebhookSender : IAsyncDisposable
{
    readonly StripeAccount _account;
    readonly TimeProvider _time;
    readonly HttpClient _http;
    readonly Channel<string> _queue = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    readonly CancellationTokenSource _stop = new();
    readonly Task _loop;
    StripeWebhookEndpoint? _endpoint;
    int _owed;
    volatile bool _down;

    internal StripeWebhookSender(StripeAccount account, StripeApiFakeOptions options, TimeProvider time)
    {
        _account = account;
        _time = time;
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = options.WebhookTimeout };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("Stripe/1.0 (+https://stripe.com/docs/webhooks)");
        if (options.WebhookUrl is not null) Configure(options.WebhookUrl, options.WebhookSecret);
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>The endpoint events go to; null: events are kept but not sent.</summary>
    public StripeWebhookEndpoint? Endpoint => Volatile.Read(ref _endpoint);

    /// <summary>Sends future events to <paramref name="url"/>, signed with <paramref name="secret"/> (a fresh <c>whsec_…</c> when omitted).</summary>
    public StripeWebhookEndpoint Configure(string url, string? secret = null)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new ArgumentException($"The webhook endpoint must be an absolute http(s) URL, not '{url}'.", nameof(url));
        if (secret is not null && string.IsNullOrWhiteSpace(secret))
            throw new ArgumentException("The webhook secret cannot be blank.", nameof(secret));
        var endpoint = new StripeWebhookEndpoint(uri.ToString(), secret ?? "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
        Volatile.Write(ref _endpoint, endpoint);
        return endpoint;
    }

    /// <summary>Stops sending future events (they are still kept, with nothing owed).</summary>
    public void Disable() => Volatile.Write(ref _endpoint, null);

    /// <summary>
    /// The endpoint stops answering (an outage of the receiver, as Stripe sees it): every delivery from now on fails with no
    /// connection, and its event stays <c>delivery_success=false</c>, <c>pending_webhooks: 1</c>, until it is sent again.
    /// </summary>
    public void GoDown() => _down = true;

    /// <summary>The endpoint answers again; events that failed meanwhile are not resent by themselves (no automatic retries).</summary>
    public void ComeBack() => _down = false;

    /// <summary>Deliveries fail (<see cref="GoDown"/>).</summary>
    public bool IsDown => _down;

    /// <summary>Waits until every emitted event has had its delivery attempt.</summary>
    public async Task WaitForDeliveriesAsync(CancellationToken cancellationToken = default)
    {
        while (Volatile.Read(ref _owed) > 0) await Task.Delay(10, cancellationToken);
    }

    /// <summary>Sends one event now (again, if it was sent before) to the configured endpoint; records and returns the attempt.</summary>
    public async Task<StripeEventDelivery> DeliverAsync(string eventId, CancellationToken cancellationToken = default)
    {
        var endpoint = Endpoint ?? throw new InvalidOperationException("No webhook endpoint is configured.");
        var body = _account.EventBody(eventId) ?? throw new KeyNotFoundException($"No event {eventId} in the Stripe fake.");
        var at = _time.GetUtcNow();
        var started = Stopwatch.GetTimestamp();
        StripeEventDelivery delivery;
        if (_down)
        {
            delivery = new StripeEventDelivery(at, endpoint.Url, null, "connection refused (endpoint down: /_sim/webhook/down)", TimeSpan.Zero);
            _account.RecordDelivery(eventId, delivery);
            return delivery;
        }
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Add("Stripe-Signature", StripeSignature.Header(body, endpoint.Secret, at));
            using var response = await _http.SendAsync(request, cancellationToken);
            delivery = new StripeEventDelivery(at, endpoint.Url, (int)response.StatusCode, null, Stopwatch.GetElapsedTime(started));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            delivery = new StripeEventDelivery(at, endpoint.Url, null, e is TaskCanceledException ? "timed out" : e.Message, Stopwatch.GetElapsedTime(started));
        }
        _account.RecordDelivery(eventId, delivery);
        return delivery;
    }

    internal void Enqueue(string eventId)
    {
        Interlocked.Increment(ref _owed);
        if (!_queue.Writer.TryWrite(eventId)) Interlocked.Decrement(ref _owed);
    }

    async Task LoopAsync()
    {
        try
        {
            await foreach (var eventId in _queue.Reader.ReadAllAsync(_stop.Token))
            {
                try
                {
                    if (Endpoint is not null) await DeliverAsync(eventId, _stop.Token);
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception) when (!_stop.IsCancellationRequested)
                {
                    // An event that cannot be sent (e.g. the endpoint was removed meanwhile) must not stop the others.
                }
                finally
                {
                    Interlocked.Decrement(ref _owed);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stop.CancelAsync();
        await _loop;
        _http.Dispose();
        _stop.Dispose();
    }
}
