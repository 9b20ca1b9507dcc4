using MassTransit;

namespace Payments.ServiceDefaults.Messaging;

/// <summary>
/// Which attempt at a message a consumer is making: the delayed redelivery (<c>MT-Redelivery-Count</c>), the in-memory retry, and a
/// redrive from the error queue (<see cref="RedrivenAtHeader"/>, set by <c>payments faults redrive</c>, which removes the redelivery
/// count). A consumer that calls an outside API with an idempotency key derives the key from its business key plus this token: each new
/// attempt after a failure gets a new key, because a key whose stored answer is an error (Stripe replays a <c>500</c> for a day) would
/// fail every retry and every redrive; a delivery of the same attempt again (the broker redelivering after a crash) sends the same key.
/// The consumer must then find out before writing whether an earlier attempt's change was applied (read it back), since the new key does
/// not protect against that.
/// </summary>
public static class DeliveryAttempt
{
    /// <summary>When the message was moved back from its <c>_error</c> queue (ISO 8601).</summary>
    public const string RedrivenAtHeader = "Payments-Redriven-At";

    /// <summary><c>{redelivery}.{retry}</c>, e.g. <c>0.0</c> for a first attempt, with <c>~{when redriven}</c> after a redrive.</summary>
    public static string Of(ConsumeContext context)
    {
        var token = $"{context.GetRedeliveryCount()}.{context.GetRetryAttempt()}";
        var redriven = context.Headers.Get<string>(RedrivenAtHeader);
        return string.IsNullOrWhiteSpace(redriven) ? token : $"{token}~{new string([.. redriven.Where(char.IsAsciiLetterOrDigit).Take(32)])}";
    }
}
