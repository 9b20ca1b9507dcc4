using Payments.Simulators.Shared.Faults;

namespace Payments.Simulators.Stripe;

/// <summary>
/// Faults only Stripe has, for <c>stripe.Faults.FailNext(route, fault)</c> (or <c>"effect"</c> on <c>POST /_sim/faults</c>). A plain
/// <c>Fault.Respond(500)</c> needs none of these: on a POST with an <c>Idempotency-Key</c> the fake stores it against the key, as Stripe
/// does (<see cref="StripeApiFakeOptions.StoredServerErrors"/>). What each one models: docs/external-apis/stripe.md#idempotency.
/// </summary>
public static class StripeFaults
{
    /// <summary>The <see cref="Fault.Effect"/> names the Stripe fake applies.</summary>
    public static class Effects
    {
        /// <summary>Stripe applies the change (and stores its answer against the key), then the connection drops before the answer arrives.</summary>
        public const string DropAfterApplying = "drop-after-applying";

        /// <summary>Stripe applies the change, then answers <c>500</c>, stored against the key with <c>Stripe-Should-Retry: false</c>.</summary>
        public const string FailAfterApplying = "fail-after-applying";

        /// <summary><c>429 lock_timeout</c> with <c>Stripe-Should-Retry: true</c>: the object was locked by another request; nothing applied or stored.</summary>
        public const string LockTimeout = "lock_timeout";

        /// <summary><c>409 idempotency_key_in_use</c> with <c>Stripe-Should-Retry: true</c>: a request with the same key is still executing; nothing applied or stored.</summary>
        public const string IdempotencyKeyInUse = "idempotency_key_in_use";

        public static readonly IReadOnlyList<string> All = [DropAfterApplying, FailAfterApplying, LockTimeout, IdempotencyKeyInUse];
    }

    public static Fault DropAfterApplying() => new() { Effect = Effects.DropAfterApplying };

    public static Fault FailAfterApplying() => new() { Effect = Effects.FailAfterApplying };

    public static Fault LockTimeout() => new() { Effect = Effects.LockTimeout };

    public static Fault IdempotencyKeyInUse() => new() { Effect = Effects.IdempotencyKeyInUse };
}
