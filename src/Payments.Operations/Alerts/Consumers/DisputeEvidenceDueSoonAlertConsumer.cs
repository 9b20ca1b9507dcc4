using System.Globalization;
using MassTransit;
using Payments.Contracts.StripeDispute;

namespace Payments.Operations.Alerts.Consumers;

/// <summary>A dispute whose evidence is due soon: one alert per dispute.</summary>
public sealed class DisputeEvidenceDueSoonAlertConsumer(AlertDispatcher alerts, TimeProvider clock) : IConsumer<DisputeEvidenceDueSoon>
{
    public Task Consume(ConsumeContext<DisputeEvidenceDueSoon> context)
    {
        var m = context.Message;
        return alerts.RaiseAsync(new Alert(
            AlertKinds.DisputeDueSoon,
            Alert.KeyOf(AlertKinds.DisputeDueSoon, m.DisputeId),
            $"Dispute {m.DisputeId}: evidence due by {m.DueBy:u}",
            $"Dispute {m.DisputeId} on charge {m.ChargeId} ({m.AmountMinor.ToString(CultureInfo.InvariantCulture)} minor units, {m.Currency.ToUpperInvariant()}) "
            + $"is still open; its evidence is due by {m.DueBy:u}.\nReason: {m.Reason ?? "not given"}\nP21 order: {m.P21OrderNo ?? "none"}",
            clock.GetUtcNow()), context.CancellationToken);
    }
}
