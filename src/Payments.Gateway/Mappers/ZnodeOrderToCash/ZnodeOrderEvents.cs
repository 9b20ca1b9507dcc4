using Payments.Contracts.Shared;
using Payments.Gateway.Webhooks;

namespace Payments.Gateway.Mappers.ZnodeOrderToCash;

/// <summary>What the Znode flow's mappers share: the order number from the configured metadata key, and its correlation id.</summary>
static class ZnodeOrderEvents
{
    /// <summary>The order number, or a rejection reason (routing sent the event here because the key has a value, so this holds unless the rule differs).</summary>
    public static bool TryOrderNumber(StripeEventEnvelope envelope, string metadataKey, string objectId, out string orderNumber, out StripeEventMapping? rejection)
    {
        orderNumber = StripeJson.MetadataValue(envelope.DataObject, metadataKey)?.Trim() ?? "";
        rejection = orderNumber.Length > 0
            ? null
            : StripeEventMapping.Reject($"{envelope.Type} {objectId} has no Znode order number in metadata '{metadataKey}' ({ZnodeOrderToCashOptions.Section}:OrderNumberMetadataKey).");
        return rejection is null;
    }

    public static Guid CorrelationId(string orderNumber) => CorrelationKey.ZnodeOrder(orderNumber).ToGuid();

    public static bool IsCurrency(string? currency) => currency is { Length: 3 } && currency.All(char.IsAsciiLetter);
}
