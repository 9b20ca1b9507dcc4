namespace Payments.Operations.Health;

/// <summary>One dependency the monitor checks each round.</summary>
public interface IDependencyProbe
{
    /// <summary>As shown on the health page and in alerts: <c>rabbitmq</c>, <c>database:operations</c>, <c>service:p21</c>.</summary>
    string Name { get; }

    /// <summary>Healthy or not, and what was seen, in words (never a secret). An exception counts as unhealthy with its message.</summary>
    Task<ProbeResult> ProbeAsync(CancellationToken cancellationToken);
}

public sealed record ProbeResult(bool Healthy, string Detail);
