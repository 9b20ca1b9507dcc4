using Microsoft.AspNetCore.Mvc.RazorPages;
using Payments.Operations.Health;

namespace Payments.Operations.Pages;

/// <summary>The health of RabbitMQ, the databases, P21, Znode and Stripe, as the dependency monitor last probed them.</summary>
public sealed class HealthModel(IServiceProvider services) : PageModel
{
    /// <summary>Null when no monitor is registered.</summary>
    public IReadOnlyList<DependencyHealth>? Dependencies { get; private set; }

    public void OnGet() =>
        Dependencies = services.GetService<IDependencyStatus>()?.Current.OrderBy(d => d.Healthy).ThenBy(d => d.Name, StringComparer.Ordinal).ToList();
}
