namespace Payments.Benchmarks.EndToEnd.Ceilings;

/// <summary>The trivial command the bus ceiling sends; its consumer does nothing but count it.</summary>
public sealed record BusPing
{
    public required Guid CorrelationId { get; init; }
    public required int Number { get; init; }
}
