using System.Globalization;
using System.Text;
using Payments.Contracts.ChargeToOrder;
using Payments.Contracts.Shared;
using Payments.Domain.Money;
using Payments.Sandbox.Scenarios;
using Payments.Simulators.P21.Store;
using Payments.Simulators.Stripe;

namespace Payments.Sandbox.Scenarios.ChargeToOrder;

/// <summary>What happened to one charge, read back from the simulators themselves rather than from our own bookkeeping.</summary>
public sealed record ChargeToOrderReport
{
    public required ChargeSpec Charge { get; init; }
    public required string StripeEventId { get; init; }
    public required Guid CorrelationId { get; init; }
    public required int GatewayStatus { get; init; }
    public required string GatewayResponse { get; init; }
    public required FlowOutcome? Outcome { get; init; }
    /// <summary>The saga's state as stored in its table (<c>OrderPaymentState.CurrentState</c>); null when no row exists.</summary>
    public required string? SagaState { get; init; }
    public required TimeSpan Timeout { get; init; }
    public required P21OrderRecord? Order { get; init; }
    public required P21CustomerRecord? Customer { get; init; }
    public required int OrdersForCharge { get; init; }
    /// <summary>P21 calls answered with a server error while the flow ran (an outage the services had to ride out).</summary>
    public int P21CallsRefused { get; init; }
    public required IReadOnlyDictionary<string, string> StripeMetadata { get; init; }

    /// <summary>Done means: the saga stored as Final, exactly one P21 order for the charge, and its number written on the Stripe charge.</summary>
    public bool Succeeded =>
        Outcome is { Completed: true } && SagaState == "Final" && Order is not null && OrdersForCharge == 1 &&
        StripeMetadata.TryGetValue(StripeMetadataKeys.P21OrderNo, out var written) && written == Order.OrderNo;

    public string Describe()
    {
        var amount = MinorUnits.ToDecimal(Charge.Amount, Charge.Currency).ToString(CultureInfo.InvariantCulture);
        var text = new StringBuilder();
        text.AppendLine($"  Stripe charge     {Charge.Id} ({Charge.PaymentIntentId}), {amount} {Charge.Currency.ToUpperInvariant()}, paid by {Charge.BillingEmail}");
        text.AppendLine($"  Webhook           {StripeEventId} charge.succeeded → gateway HTTP {GatewayStatus}");
        if (GatewayStatus >= 300) text.AppendLine($"                    {GatewayResponse}");
        if (Customer is not null)
            text.AppendLine($"  P21 customer      {Customer.CustomerId} {Customer.CustomerName} <{Customer.EmailAddress}>");
        if (Order is not null)
        {
            text.AppendLine($"  P21 sales order   {Order.OrderNo} dated {Order.OrderDate:yyyy-MM-dd}, reference {Order.WebReferenceNo ?? Order.PoNo}, {Order.Lines.Count} line(s):");
            foreach (var line in Order.Lines)
                text.AppendLine($"                    {line.LineNo,3}  {line.ItemId,-12} × {line.UnitQuantity.ToString("0.##", CultureInfo.InvariantCulture),-4} @ {line.UnitPrice.ToString("0.00##", CultureInfo.InvariantCulture)}");
        }
        text.AppendLine($"  P21 orders for this charge: {OrdersForCharge}");
        if (P21CallsRefused > 0)
            text.AppendLine($"  P21 calls refused with a server error meanwhile: {P21CallsRefused} (retried by the P21 service)");
        var metadata = string.Join(", ", StripeMetadata.Where(m => m.Key.StartsWith("p21_", StringComparison.Ordinal)).Select(m => $"{m.Key}={m.Value}"));
        text.AppendLine($"  Stripe metadata   {(metadata.Length > 0 ? metadata : "(no P21 reference written)")}");
        text.AppendLine(Outcome switch
        {
            null => $"  Saga {CorrelationId}: no verdict within {Timeout.TotalSeconds:0} s (stored state: {SagaState ?? "none"})",
            { Completed: true } => $"  Saga {CorrelationId}: {SagaState ?? "(no stored state)"} (completed)",
            _ => $"  Saga {CorrelationId}: {SagaState ?? "(no stored state)"} at {Outcome.FailedStep}: {Outcome.Reason}",
        });
        return text.ToString().TrimEnd();
    }

    /// <summary>The report as a scenario's result.</summary>
    public ScenarioResult ToResult(ISandboxScenario scenario, string expected, bool asExpected) => new()
    {
        Scenario = scenario.Name,
        Flow = scenario.Flow,
        AsExpected = asExpected,
        Expected = expected,
        Actual = Outcome switch
        {
            null => $"no verdict (saga state {SagaState ?? "none"}), {OrdersForCharge} P21 order(s)",
            { Completed: true } => $"completed ({SagaState}), {OrdersForCharge} P21 order(s) {Order?.OrderNo}",
            _ => $"{SagaState} at {Outcome.FailedStep}, {OrdersForCharge} P21 order(s)",
        },
        Report = Describe(),
    };
}
