using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Payments.Domain.Money;
using Payments.Sagas.ZnodeOrderToCash;
using Payments.Simulators.P21.Store;
using Payments.Simulators.Smtp;
using Payments.Simulators.Znode.Store;

namespace Payments.Sandbox.Scenarios.ZnodeOrderToCash;

/// <summary>What happened to one Znode order, read back from the Znode simulator, the Stripe fake, the P21 simulator, the SMTP catcher and the saga's row.</summary>
public sealed record ZnodeOrderToCashReport
{
    public required string OrderNumber { get; init; }
    public required ZnodeOrder? Order { get; init; }
    public required string? PaymentStatus { get; init; }
    public required string? OrderState { get; init; }
    public required IReadOnlyList<ZnodeOrderChange> Changes { get; init; }
    public required JsonObject? PaymentIntent { get; init; }
    /// <summary>PaymentIntents in Stripe naming this order in their metadata (one, however often the order was seen).</summary>
    public required int PaymentIntentsForOrder { get; init; }
    public required string? PaidWith { get; init; }
    public required ZnodeOrderState? Saga { get; init; }
    public required FlowOutcome? Outcome { get; init; }
    public required TimeSpan Timeout { get; init; }
    public required IReadOnlyList<P21GlLineRecord> JournalLines { get; init; }
    public required IReadOnlyList<CaughtMail> Mails { get; init; }
    /// <summary>P21 sales orders for the paid charge: none, since a Znode order's payment does not also go through charge-to-order by default.</summary>
    public required int P21SalesOrdersForCharge { get; init; }

    public bool PaymentStatusIs(string status) => string.Equals(PaymentStatus, status, StringComparison.OrdinalIgnoreCase);

    /// <summary>One entry, at least two lines, adding up to zero, its debits the order's total.</summary>
    public bool JournalBalanced =>
        JournalLines.Count >= 2 && JournalLines.Select(l => l.TransactionNumber).Distinct().Count() == 1
        && JournalLines.Sum(l => l.Amount) == 0m && Order is not null && JournalLines.Where(l => l.Amount > 0).Sum(l => l.Amount) == Order.Total;

    /// <summary>Paid and booked: the saga Final, Znode CAPTURED with the charge as transaction id and a note, one PaymentIntent, a balanced journal.</summary>
    public bool Captured =>
        Outcome is { Completed: true } && Saga?.CurrentState == "Final" && PaymentStatusIs("CAPTURED")
        && Order?.TransactionId is { Length: > 0 } transaction && transaction == Saga.ChargeId
        && Notes.Any(n => n.Contains(Saga.PaymentIntentId!, StringComparison.Ordinal) && !n.Contains("declined", StringComparison.OrdinalIgnoreCase))
        && PaymentIntentsForOrder == 1 && (string?)PaymentIntent?["status"] == "succeeded" && JournalBalanced && P21SalesOrdersForCharge == 0;

    public IEnumerable<string> Notes => Order?.History.Select(h => string.Join(" ", new[] { h.Message, h.Notes }.Where(s => !string.IsNullOrEmpty(s)))) ?? [];

    public string Describe()
    {
        var text = new StringBuilder();
        if (Order is null)
        {
            text.AppendLine($"  Znode order       {OrderNumber}: not found in the Znode simulator");
        }
        else
        {
            text.AppendLine($"  Znode order       {Order.OrderNumber} (OmsOrderId {Order.OmsOrderId}) by {Order.FirstName} {Order.LastName} <{Order.Email}>, "
                            + $"total {Money(Order.Total)} {Order.CurrencyCode} (tax {Money(Order.TaxCost)}, shipping {Money(Order.ShippingCost)})");
            foreach (var line in Order.Lines)
                text.AppendLine($"                    {line.Sku,-12} × {line.Quantity.ToString("0.##", CultureInfo.InvariantCulture),-3} @ {Money(line.Price)}");
            text.AppendLine($"  Znode status      payment {PaymentStatus}, order {OrderState}, transaction id {Order.TransactionId ?? "(none)"}");
            foreach (var change in Changes)
                text.AppendLine($"                    {change.Sequence,4}  {change.Kind,-14} {change.From ?? "",-12} → {Shorten(change.To, 90)}  ({change.By})");
        }
        if (PaymentIntent is { } intent)
        {
            var amount = (long?)intent["amount"] ?? 0;
            var currency = (string?)intent["currency"] ?? "";
            var metadata = intent["metadata"] is JsonObject m ? string.Join(", ", m.Select(kv => $"{kv.Key}={kv.Value}")) : "";
            text.AppendLine($"  Stripe            PaymentIntent {intent["id"]} {amount} minor units = {MinorUnits.ToDecimal(amount, currency).ToString(CultureInfo.InvariantCulture)} {currency.ToUpperInvariant()}, "
                            + $"customer {intent["customer"]}, status {intent["status"]}, latest charge {intent["latest_charge"]}");
            text.AppendLine($"                    metadata {metadata}; PaymentIntents for this order: {PaymentIntentsForOrder}");
            if (PaidWith is not null) text.AppendLine($"                    the shopper paid with {PaidWith}");
            if (intent["last_payment_error"] is JsonObject error)
                text.AppendLine($"                    last_payment_error: {error["code"]}/{error["decline_code"]}: {error["message"]}");
        }
        else
        {
            text.AppendLine("  Stripe            no PaymentIntent");
        }
        if (JournalLines.Count == 0)
        {
            text.AppendLine("  P21 GL journal    (none)");
        }
        else
        {
            text.AppendLine($"  P21 GL journal    transaction {JournalLines[0].TransactionNumber}, journal {JournalLines[0].JournalId}, period {JournalLines[0].Period}/{JournalLines[0].YearForPeriod}, "
                            + $"{(JournalBalanced ? "balanced" : "NOT balanced")}:");
            foreach (var line in JournalLines)
                text.AppendLine($"                    {line.SequenceNumber,2}  {line.AccountNumber,-10} {line.Amount.ToString("+0.00;-0.00", CultureInfo.InvariantCulture),10}  {line.Source} | {line.Description}");
        }
        if (Saga?.ChargeId is { } charge)
            text.AppendLine($"  P21 sales orders for charge {charge}: {P21SalesOrdersForCharge} (Gateway:ZnodeOrderToCash:AlsoChargeToOrder is off by default)");
        foreach (var mail in Mails)
        {
            text.AppendLine($"  Mail caught       {mail.At:HH:mm:ss} from {mail.From} to {string.Join(", ", mail.To)}: {mail.Subject}");
            foreach (var line in mail.TextBody.Split('\n', StringSplitOptions.TrimEntries))
                text.AppendLine($"                    | {line}");
        }
        text.AppendLine(Saga is null
            ? "  Saga              none"
            : $"  Saga              {Saga.CorrelationId}: {Saga.CurrentState}, declines {Saga.DeclineCount}{(Saga.LastDeclineCode is null ? "" : $" (last: {Saga.LastDeclineCode})")}, journal {Saga.P21JournalReference ?? "-"}");
        text.AppendLine(Outcome switch
        {
            null => $"  Verdict           none within {Timeout.TotalSeconds:0} s (or none expected)",
            { Completed: true } => "  Verdict           completed",
            _ => $"  Verdict           failed at {Outcome.FailedStep}: {Outcome.Reason}",
        });
        return text.ToString().TrimEnd();
    }

    public ScenarioResult ToResult(ISandboxScenario scenario, string expected, bool asExpected) => new()
    {
        Scenario = scenario.Name,
        Flow = scenario.Flow,
        AsExpected = asExpected,
        Expected = expected,
        Actual = $"saga {Saga?.CurrentState ?? "none"}, Znode payment {PaymentStatus ?? "?"}, {PaymentIntentsForOrder} PaymentIntent(s), "
                 + $"{(JournalLines.Count == 0 ? "no journal" : $"journal of {JournalLines.Count} lines{(JournalBalanced ? " balanced" : " NOT balanced")}")}, {Mails.Count} mail(s)",
        Report = Describe(),
    };

    static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    static string Shorten(string? text, int max) => text is null ? "" : text.Length <= max ? text : text[..(max - 1)] + "…";
}
