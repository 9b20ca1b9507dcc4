using Payments.Contracts.Shared;
using Payments.Gateway.Mappers;
using Payments.Gateway.Webhooks;

namespace Payments.Gateway.Tests.Routing;

/// <summary>
/// A flow that exists only in these tests (a coming flow, routed by a configured rule): it maps <c>charge.succeeded</c> too, so a
/// test can show that a charge reaches exactly one flow, and that a held flow's payments are recorded as unrouted.
/// </summary>
static class OtherTestFlow
{
    public const string Name = "other-flow";
    public const string OrderNumberKey = "other_order_number";

    /// <summary>Configuration for a rule sending charges with this flow's order number to it.</summary>
    public static Dictionary<string, string?> Rule(bool hold) => new()
    {
        ["Gateway:Routing:Rules:0:Name"] = "other",
        ["Gateway:Routing:Rules:0:MetadataKey"] = OrderNumberKey,
        ["Gateway:Routing:Rules:0:Flow"] = Name,
        ["Gateway:Routing:Rules:0:Hold"] = hold ? "true" : "false",
    };
}

public record OtherChargeReceived
{
    public required Guid CorrelationId { get; init; }
    public required string ChargeId { get; init; }
    public required string OrderNumber { get; init; }
}

sealed class OtherChargeSucceededMapper : IStripeEventMapper
{
    public string Flow => OtherTestFlow.Name;

    public IReadOnlyCollection<string> EventTypes { get; } = ["charge.succeeded"];

    public StripeEventMapping Map(StripeEventEnvelope envelope)
    {
        var orderNumber = StripeJson.MetadataValue(envelope.DataObject, OtherTestFlow.OrderNumberKey)!;
        var correlationId = new CorrelationKey("other-order", orderNumber).ToGuid();
        return StripeEventMapping.Publish(new OtherChargeReceived
        {
            CorrelationId = correlationId,
            ChargeId = StripeJson.String(envelope.DataObject, "id")!,
            OrderNumber = orderNumber,
        }, correlationId);
    }
}
