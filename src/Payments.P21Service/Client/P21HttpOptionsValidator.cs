using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Payments.ServiceDefaults.Http;

namespace Payments.P21Service.Client;

/// <summary>
/// <c>P21:Http:MaxConcurrentRequests</c> may not exceed <c>P21:SessionPoolSize</c>: a call beyond P21's pool waits inside P21, and
/// may run there after we gave up on it (docs/external-apis/p21.md#session-pool-and-limits). Reads the pool size from configuration,
/// so that a mistake in the <c>P21</c> section is reported there, once.
/// </summary>
public sealed class P21HttpOptionsValidator(IConfiguration configuration) : IValidateOptions<OutboundHttpOptions>
{
    public ValidateOptionsResult Validate(string? name, OutboundHttpOptions options)
    {
        if (name != P21Options.Section) return ValidateOptionsResult.Skip;
        var poolSize = configuration.GetValue<int?>($"{P21Options.Section}:{nameof(P21Options.SessionPoolSize)}") ?? new P21Options().SessionPoolSize;
        var failures = new List<string>();
        if (options.MaxConcurrentRequests > poolSize)
            failures.Add($"{P21Options.Section}:Http:MaxConcurrentRequests ({options.MaxConcurrentRequests}) is more than {P21Options.Section}:SessionPoolSize ({poolSize}): "
                + "calls beyond P21's pool wait inside P21 and may run after we gave up on them. Set it to the pool size divided by the number of replicas.");
        // Every admitted message may wait for a call slot at once: more than the slots and their queue would have calls refused here and retried.
        if (configuration.GetValue<int?>($"{P21Options.Section}:{nameof(P21Options.MaxConcurrentMessages)}") is { } messages
            && messages > options.MaxConcurrentRequests + options.MaxQueuedRequests)
            failures.Add($"{P21Options.Section}:MaxConcurrentMessages ({messages}) is more than {P21Options.Section}:Http:MaxConcurrentRequests + MaxQueuedRequests "
                + $"({options.MaxConcurrentRequests} + {options.MaxQueuedRequests}): admitted messages would find the call queue full and be retried.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
