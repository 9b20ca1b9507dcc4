using System.Globalization;
using MassTransit;
using Payments.Contracts.PayoutReconciliation;

namespace Payments.Operations.Alerts.Consumers;

/// <summary>A payout that does not reconcile: one alert per payout and run.</summary>
public sealed class PayoutReconciliationFlaggedAlertConsumer(AlertDispatcher alerts, TimeProvider clock) : IConsumer<PayoutReconciliationFlagged>
{
    public Task Consume(ConsumeContext<PayoutReconciliationFlagged> context)
    {
        var m = context.Message;
        var flags = string.Join("\n", m.Flags.Take(10).Select(f => $"- {f.Kind}: {f.Reason}"));
        if (m.FlagCount > 10)
            flags += $"\n- … {m.FlagCount - 10} more (payments payouts report {m.PayoutId})";
        return alerts.RaiseAsync(new Alert(
            AlertKinds.PayoutFlagged,
            Alert.KeyOf(AlertKinds.PayoutFlagged, m.PayoutId, m.Run.ToString(CultureInfo.InvariantCulture)),
            $"Payout {m.PayoutId} does not reconcile ({m.FlagCount} flag(s))",
            $"Payout {m.PayoutId} of {m.AmountMinor.ToString(CultureInfo.InvariantCulture)} (minor units, {m.Currency.ToUpperInvariant()}), run {m.Run}, "
            + $"is not posted until a person resolves it:\n{flags}",
            clock.GetUtcNow()), context.CancellationToken);
    }
}
