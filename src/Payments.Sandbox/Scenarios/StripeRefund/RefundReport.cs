using System.Globalization;
using System.Text;
using Payments.Domain.Money;
using Payments.Sagas.StripeRefund;
using Payments.Sandbox.Scenarios.ChargeToOrder;
using Payments.Simulators.P21.Store;

namespace Payments.Sandbox.Scenarios.StripeRefund;

/// <summary>One booked refund as the outside systems show it: P21's RMA (or journal) for the refund's own amount, and the flow's verdict.</summary>
public sealed record RefundReport(string RefundId, long AmountMinor, string Currency, FlowOutcome? Outcome, RefundState? Saga,
    IReadOnlyList<P21OrderRecord> Rmas, IReadOnlyList<P21GlLineRecord> JournalLines)
{
    public static async Task<RefundReport> ReadAsync(SandboxHost sandbox, RefundFlow flow, string refundId, long amountMinor, string currency, FlowOutcome? outcome)
    {
        var readBack = new MoneyBackReadBack(sandbox);
        return new RefundReport(refundId, amountMinor, currency, outcome, await flow.ReadSagaAsync(refundId),
            readBack.RmasFor(refundId), readBack.LedgerLinesMentioning(refundId));
    }

    /// <summary>The refund's own amount in major units, as P21 keeps it.</summary>
    public decimal Amount => MinorUnits.ToDecimal(AmountMinor, Currency);

    /// <summary>Booked once: the flow completed, and exactly one RMA for the refund carries exactly the refund's own amount.</summary>
    public bool BookedOnce => Outcome is { Completed: true } && Rmas.Count == 1 && Rmas[0].Lines.Sum(l => l.ExtendedPrice) == Amount;

    public void Describe(StringBuilder text)
    {
        text.AppendLine($"  Stripe refund     {RefundId}: {Amount.ToString("F" + CurrencyExponent.For(Currency), CultureInfo.InvariantCulture)} {Currency.ToUpperInvariant()} (its own amount)");
        foreach (var rma in Rmas) MoneyBackReadBack.PrintRma(text, rma);
        if (Rmas.Count == 0) text.AppendLine("  P21 RMA           (none)");
        if (JournalLines.Count > 0) MoneyBackReadBack.PrintLedger(text, "P21 GL", JournalLines);
        text.AppendLine(Outcome switch
        {
            null => $"  stripe-refund     no verdict (saga state {Saga?.CurrentState ?? "none"})",
            { Completed: true } => $"  stripe-refund     {Saga?.CurrentState} (completed, scope {Saga?.Scope})",
            _ => $"  stripe-refund     {Saga?.CurrentState} at {Outcome.FailedStep}: {Outcome.Reason}",
        });
    }

    public static void DescribeSale(StringBuilder text, ChargeToOrderReport sale) => text.AppendLine(sale.Describe());
}
