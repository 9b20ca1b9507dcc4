namespace Payments.Simulators.Stripe.Api;

/// <summary>
/// Stripe's idempotency layer (docs/external-apis/stripe.md#idempotency): a POST with an <c>Idempotency-Key</c> that started executing
/// gets its stored answer again (errors and <c>500</c>s included), marked replayed, until the key is pruned after
/// <paramref name="lifetime"/>; the same key on another endpoint or with other parameters is refused with <c>idempotency_error</c>.
/// Answers refused during parameter validation are not stored. Callers hold the account's lock.
/// </summary>
sealed class StripeIdempotency(TimeSpan lifetime, TimeProvider time)
{
    readonly Dictionary<string, Stored> _stored = new(StringComparer.Ordinal);

    public (StripeResponse Response, bool Replayed) Execute(string method, string path, StripeParameters parameters, string key, Func<StripeResponse> execute)
    {
        var fingerprint = string.Join('&', parameters.Pairs.OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
        var now = time.GetUtcNow();
        if (_stored.TryGetValue(key, out var stored) && now - stored.At >= lifetime)
        {
            // Pruned: Stripe starts a new request for a key reused after that.
            _stored.Remove(key);
            stored = null;
        }
        if (stored is not null)
        {
            if (stored.Method != method || stored.Path != path)
                return (StripeErrors.Error(400, "idempotency_error",
                    $"Keys for idempotent requests can only be used for the same endpoint they were first used for ('{stored.Method} {stored.Path}'). Try using a key other than '{key}' if you meant to execute a different request."), false);
            if (stored.Fingerprint != fingerprint)
                return (StripeErrors.Error(400, "idempotency_error",
                    $"Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '{key}' if you meant to execute a different request."), false);
            return (stored.Response, true);
        }

        var response = execute();
        if (!response.IsValidationError) _stored[key] = new Stored(method, path, fingerprint, response, now);
        return (response, false);
    }

    sealed record Stored(string Method, string Path, string Fingerprint, StripeResponse Response, DateTimeOffset At);
}
