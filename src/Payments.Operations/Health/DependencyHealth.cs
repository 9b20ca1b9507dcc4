namespace Payments.Operations.Health;

/// <summary>The last probe of one dependency (RabbitMQ, a database, P21, Znode, Stripe).</summary>
/// <param name="Name">What was probed, e.g. <c>rabbitmq</c>, <c>database:sagas</c>, <c>p21</c>.</param>
/// <param name="Healthy">Whether the last probe succeeded.</param>
/// <param name="Detail">What the probe saw, in words (never a secret).</param>
/// <param name="CheckedAt">When the last probe ran.</param>
/// <param name="DownSince">When it first failed in the current run of failures; null while healthy.</param>
public sealed record DependencyHealth(string Name, bool Healthy, string Detail, DateTimeOffset CheckedAt, DateTimeOffset? DownSince);
