using Payments.Contracts.Shared;
using Payments.Gateway.Mappers;
using Payments.Gateway.Webhooks;

namespace Payments.Gateway.Tests.Routing;

/// <summary>
/// A second flow that exists only in these tests (the Znode order-to-cash flow has not landed): it maps
/// <c>charge.succeeded</c> too, so a test can show that a charge reaches exactly one of the two.
/// </summary>
static class ZnodeTestFlow
{
    public const string Name = "znode-order-to-cash";
    public const string OrderNumberKey = "znode_order_number";

    /// <summary>Configuration for a rule sending charges with a Znode order number to this flow.</summary>
    public static Dictionary<string, string?> Rule(bool hold) => new()
    {
        ["Gateway:Routing:Rules:0:Name"] = "znode",
        ["Gateway:Routing:Rules:0:MetadataKey"] = OrderNumberKey,
        ["Gateway:Routing:Rules:0:Flow"] = Name,
        ["Gateway:Routing:Rules:0:Hold"] = hold ? "true" : "false",
    };
}

public record ZnodeChargeReceived
{
    public required Guid CorrelationId { get; init; }
    public required string ChargeId { get; init; }
    public required string OrderNumber { get; init; }
}

sealed class ZnodeChargeSucceededMapper : IStripeEventMapper
{
    public string Flow => ZnodeTestFlow.Name;

    public IReadOnlyCollection<string> EventTypes { get; } = ["charge.succeeded"];

    public StripeEventMapping Map(StripeEventEnvelope envelope)
    {
        var orderNumber = StripeJson.MetadataValue(envelope.DataObject, ZnodeTestFlow.OrderNumberKey)!;
        var correlationId = new CorrelationKey(CorrelationKinds.ZnodeOrder, orderNumber).ToGuid();
        return StripeEventMapping.Publish(new ZnodeChargeReceived
        {
            CorrelationId = correlationId,
            ChargeId = StripeJson.String(envelope.DataObject, "id")!,
            OrderNumber = orderNumber,
        }, correlationId);
    }
}
