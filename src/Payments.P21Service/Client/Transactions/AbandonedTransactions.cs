using System.Collections.Concurrent;

namespace Payments.P21Service.Client.Transactions;

/// <summary>
/// Creates this process stopped waiting for, by business key (a charge id, an e-mail), with the moment until which P21 may still be
/// working on them. A retry must not post the same document again before then, and looks it up once more right before it does
/// (docs/external-apis/p21.md#session-pool-and-limits). Other replicas learn the same wait from the failure's Retry-After.
/// </summary>
public sealed class AbandonedTransactions(TimeProvider time)
{
    readonly ConcurrentDictionary<string, DateTimeOffset> _mayRunUntil = new(StringComparer.Ordinal);

    /// <summary>We gave up on the create for <paramref name="key"/>; P21 may finish it until <paramref name="until"/>.</summary>
    public void Remember(string key, DateTimeOffset until) => _mayRunUntil[key] = until;

    /// <summary>How much longer an abandoned create for <paramref name="key"/> may still run; null when none may.</summary>
    public TimeSpan? MayStillRun(string key) =>
        _mayRunUntil.TryGetValue(key, out var until) && until > time.GetUtcNow() ? until - time.GetUtcNow() : null;

    /// <summary>Whether a create for <paramref name="key"/> was abandoned (and not yet settled by a find or a new create).</summary>
    public bool WasAbandoned(string key) => _mayRunUntil.ContainsKey(key);

    /// <summary>The document was found, or created again: nothing is pending for <paramref name="key"/> any more.</summary>
    public void Forget(string key) => _mayRunUntil.TryRemove(key, out _);
}
