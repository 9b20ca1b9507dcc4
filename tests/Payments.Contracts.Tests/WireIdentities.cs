using System.Reflection;
using MassTransit;
using Payments.Contracts.Shared;

namespace Payments.Contracts.Tests;

/// <summary>One message's identity on the wire: the URN in its envelope and the exchange it is published to, and the same for its Fault.</summary>
public sealed record WireIdentity(string Type, string Urn, string? Entity, string FaultUrn, string? FaultEntity)
{
    public override string ToString() => $"{Type} | {Urn} | {Entity} | {FaultUrn} | {FaultEntity}";

    /// <summary>Every message of the contracts assembly: each type that carries a correlation id (<c>CorrelatedBy&lt;Guid&gt;</c>).</summary>
    public static IReadOnlyList<Type> MessageTypes() =>
        typeof(FlowFailed).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(CorrelatedBy<Guid>).IsAssignableFrom(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .ToList();

    public static WireIdentity Of(Type type)
    {
        var fault = typeof(Fault<>).MakeGenericType(type);
        return new WireIdentity(
            type.FullName!,
            MessageUrn.ForTypeString(type),
            type.GetCustomAttribute<EntityNameAttribute>()?.EntityName,
            // MassTransit 8.5 builds a Fault's URN from the message type's namespace, not from its [MessageUrn]: the
            // namespace of a message whose faults are consumed is part of the wire identity too, and is listed here.
            MessageUrn.ForTypeString(fault),
            type.GetCustomAttribute<FaultEntityNameAttribute>()?.EntityName);
    }
}
