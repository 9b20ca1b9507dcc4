using System.Globalization;
using System.Text;
using Payments.Simulators.P21.Store;

namespace Payments.Sandbox.Scenarios;

/// <summary>
/// What the money-back flows (refunds, returns, disputes, risk) left in the outside systems, read back from the simulators themselves and
/// printed the way a finance user would check it: P21's RMAs and holds, P21's GL lines, Znode's payment status and notes.
/// </summary>
public sealed class MoneyBackReadBack(SandboxHost sandbox)
{
    /// <summary>P21's RMAs that carry <paramref name="refundId"/> as their reference (<c>po_no</c>).</summary>
    public IReadOnlyList<P21OrderRecord> RmasFor(string refundId) => [.. sandbox.P21.Store.Rmas.Where(r => r.PoNo == refundId)];

    /// <summary>P21 GL lines whose source or description names <paramref name="key"/> (a refund, a dispute's balance transaction, a Znode order).</summary>
    public IReadOnlyList<P21GlLineRecord> LedgerLinesMentioning(string key) =>
        [.. sandbox.P21.Store.Ledger.Lines.Where(l => (l.Source + " " + l.Description).Contains(key, StringComparison.OrdinalIgnoreCase))];

    public P21OrderRecord? Order(string? orderNo) => orderNo is null ? null : sandbox.P21.Store.FindOrder(orderNo);

    public static void PrintRma(StringBuilder text, P21OrderRecord rma)
    {
        text.AppendLine($"  P21 RMA           {rma.OrderNo} for customer {rma.CustomerId}, reference {rma.PoNo}, cancelled {rma.CancelFlag}, {rma.Lines.Count} line(s):");
        foreach (var line in rma.Lines)
            text.AppendLine($"                    {line.LineNo,3}  {line.ItemId,-14} × {Number(line.UnitQuantity),-4} @ {Number(line.UnitPrice)} = {Number(line.ExtendedPrice)}");
    }

    public static void PrintLedger(StringBuilder text, string title, IReadOnlyList<P21GlLineRecord> lines)
    {
        if (lines.Count == 0)
        {
            text.AppendLine($"  {title,-17} (none)");
            return;
        }
        foreach (var entry in lines.GroupBy(l => l.TransactionNumber))
        {
            text.AppendLine($"  {title,-17} journal {entry.Key} ({entry.First().JournalId}), period {entry.First().Period}/{entry.First().YearForPeriod}, {(entry.Sum(l => l.Amount) == 0 ? "balanced" : "NOT BALANCED")}:");
            foreach (var line in entry)
                text.AppendLine($"                    {line.AccountNumber,-10} {(line.Amount >= 0 ? "Dr" : "Cr")} {Number(Math.Abs(line.Amount)),12}  {line.Source} {line.Description}");
        }
    }

    public static void PrintHold(StringBuilder text, P21OrderRecord? order)
    {
        if (order is null) return;
        var hold = order.Approved == "N" || order.OrderHoldClassId is not null ? "ON HOLD" : "released (approved)";
        text.AppendLine($"  P21 sales order   {order.OrderNo}: approved {order.Approved}{(order.OrderHoldClassId is null ? "" : $", hold class {order.OrderHoldClassId}")} → {hold}");
    }

    static string Number(decimal value) => value.ToString("0.00##", CultureInfo.InvariantCulture);
}
