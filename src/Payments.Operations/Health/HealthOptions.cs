using System.ComponentModel.DataAnnotations;

namespace Payments.Operations.Health;

/// <summary>
/// <c>Health</c>: how often the dependency monitor probes, and the services whose <c>/health</c> it reads
/// (<c>Health:Services:p21=http://p21service:8080/health</c>, …). The adapters' health includes their outside system (P21, Znode,
/// Stripe), so their credentials stay in the adapters. RabbitMQ is probed through its management API (<c>Bus:RabbitMq:ManagementUri</c>)
/// when <c>Bus:Transport</c> is <c>RabbitMq</c>.
/// </summary>
public sealed class HealthOptions
{
    public const string Section = "Health";

    [Range(typeof(TimeSpan), "00:00:00.1", "01:00:00", ErrorMessage = "{0} must be between 00:00:00.1 and 01:00:00.")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

    [Range(typeof(TimeSpan), "00:00:00.1", "00:05:00", ErrorMessage = "{0} must be between 00:00:00.1 and 00:05:00.")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>By the name shown (<c>gateway</c>, <c>p21</c>, <c>stripe</c>, <c>znode</c>, <c>sagas</c>): the URL of that service's <c>/health</c>.</summary>
    public Dictionary<string, Uri> Services { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
