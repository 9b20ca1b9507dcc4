using System.Globalization;
using Payments.ServiceDefaults;

namespace Payments.Testing.Cluster;

/// <summary>
/// The RabbitMQ that scripts/test.sh or scripts/services.sh started, as its env.sh names it: <c>PAYMENTS_TEST_RABBITMQ_HOST</c>,
/// <c>_PORT</c>, <c>_USER</c>, <c>_PASS</c>, <c>_MGMT_URI</c>.
/// </summary>
public static class TestBrokerSettings
{
    public const string HostVariable = "PAYMENTS_TEST_RABBITMQ_HOST";

    /// <summary>The broker's settings; null when <see cref="HostVariable"/> is not set.</summary>
    public static RabbitMqOptions? FromEnvironment()
    {
        static string? Variable(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
        if (Variable(HostVariable) is not { } host)
            return null;
        return new RabbitMqOptions
        {
            Host = host,
            Port = ushort.Parse(Variable("PAYMENTS_TEST_RABBITMQ_PORT") ?? "5672", CultureInfo.InvariantCulture),
            Username = Variable("PAYMENTS_TEST_RABBITMQ_USER") ?? "guest",
            Password = Variable("PAYMENTS_TEST_RABBITMQ_PASS") ?? "guest",
            ManagementUri = Variable("PAYMENTS_TEST_RABBITMQ_MGMT_URI") ?? $"http://{host}:15672",
        };
    }
}
