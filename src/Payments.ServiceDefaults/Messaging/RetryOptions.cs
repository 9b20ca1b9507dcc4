using Microsoft.Extensions.Options;

namespace Payments.ServiceDefaults.Messaging;

/// <summary>
/// The <c>Bus:Retry</c> configuration section: how long a consumer keeps trying before a message goes to its <c>_error</c> queue.
/// Intervals are TimeSpans ("00:00:30"). A list left out of configuration keeps its default (the binder would otherwise append
/// configured items to the defaults, so the defaults are filled in after binding, see <see cref="ApplyDefaults"/>).
/// </summary>
public sealed class RetryOptions
{
    public const string Section = "Bus:Retry";

    /// <summary>Quick retries in the consumer's process, for a blip (a dropped connection, a deadlock victim).</summary>
    public TimeSpan[] Immediate { get; set; } = [];

    /// <summary>
    /// Delayed redeliveries through the broker's wait queues (RabbitMQ only), for an outage of minutes (P21 down, Stripe 5xx).
    /// Each distinct interval is one wait queue; the message is off the consumer's queue while it waits, and survives a restart.
    /// </summary>
    public TimeSpan[] Redelivery { get; set; } = [];

    /// <summary>A server's Retry-After longer than this is not waited out in memory: the message goes to redelivery at once.</summary>
    public TimeSpan MaxInMemoryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public void ApplyDefaults()
    {
        if (Immediate.Length == 0)
            Immediate = [TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)];
        if (Redelivery.Length == 0)
            Redelivery = [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(60)];
    }
}

/// <summary>The rules of <see cref="RetryOptions"/>, one line per problem naming its key.</summary>
public sealed class RetryOptionsValidator : IValidateOptions<RetryOptions>
{
    public ValidateOptionsResult Validate(string? name, RetryOptions options)
    {
        const string Section = RetryOptions.Section;
        var failures = new List<string>();
        if (options.Immediate.Any(i => i < TimeSpan.Zero))
            failures.Add($"{Section}:Immediate intervals must not be negative.");
        if (options.Redelivery.Any(i => i <= TimeSpan.Zero))
            failures.Add($"{Section}:Redelivery intervals must be positive (a wait queue's TTL).");
        if (options.Redelivery.Any(i => i.TotalMilliseconds % 1 != 0 || i > TimeSpan.FromDays(7)))
            failures.Add($"{Section}:Redelivery intervals must be whole milliseconds and at most 7 days.");
        if (options.MaxInMemoryDelay < TimeSpan.Zero)
            failures.Add($"{Section}:MaxInMemoryDelay must not be negative.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
