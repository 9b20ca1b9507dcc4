namespace Payments.Simulators.Stripe.Api;

/// <summary>
/// Stripe's idempotency layer (docs.stripe.com/api/idempotent_requests): a POST with an <c>Idempotency-Key</c> that ran once gets its
/// stored answer again (even an error), marked replayed; the same key on another endpoint or with other parameters is refused with
/// <c>idempotency_error</c>. Answers refused during parameter validation are not stored. Callers hold the account's lock.
/// </summary>
sealed class StripeIdempotency
{
    readonly Dictionary<string, Stored> _stored = new(StringComparer.Ordinal);

    public (StripeResponse Response, bool Replayed) Execute(string method, string path, StripeParameters parameters, string key, Func<StripeResponse> execute)
    {
        var fingerprint = string.Join('&', parameters.Pairs.OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
        if (_stored.TryGetValue(key, out var stored))
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
        if (!response.IsValidationError) _stored[key] = new Stored(method, path, fingerprint, response);
        return (response, false);
    }

    sealed record Stored(string Method, string Path, string Fingerprint, StripeResponse Response);
}
