namespace Payments.Simulators.Stripe;

/// <summary>
/// A POST whose change the fake applied (its handler ran and did not refuse it), whatever the client saw afterwards: the answer, a
/// dropped connection, or a <c>500</c> after applying. A replayed answer is not a write. How many changes a client caused, e.g. that a
/// retry after a dropped connection did not write again.
/// </summary>
public sealed record StripeWrite(DateTimeOffset At, string Method, string Path, string RequestId, string? IdempotencyKey);
