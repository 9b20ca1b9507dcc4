namespace Payments.ServiceDefaults;

public enum BusTransport { InMemory, RabbitMq }

public enum RabbitQueueType { Classic, Quorum }

/// <summary>The <c>Bus</c> configuration section: which transport, and how to reach RabbitMQ.</summary>
public sealed class BusOptions
{
    public const string Section = "Bus";

    public BusTransport Transport { get; set; } = BusTransport.InMemory;
    public RabbitMqOptions RabbitMq { get; set; } = new();
}

public sealed class RabbitMqOptions
{
    public string Host { get; set; } = "localhost";
    public ushort Port { get; set; } = 5672;
    public string VirtualHost { get; set; } = "/";
    public string Username { get; set; } = "guest";
    public string Password { get; set; } = "guest";
    public RabbitQueueType QueueType { get; set; } = RabbitQueueType.Classic;
    /// <summary>Management HTTP API, for the faults tooling and health detail.</summary>
    public string ManagementUri { get; set; } = "http://localhost:15672";
}
