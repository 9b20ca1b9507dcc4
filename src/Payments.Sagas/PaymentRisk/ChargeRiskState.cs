using Payments.Sagas.Flows;

namespace Payments.Sagas.PaymentRisk;

/// <summary>
/// The risk of one charge: the signals reported (early fraud warning, Radar's outcome), the charge as last read, every decision of the risk
/// policy (one line each in <see cref="Decisions"/>, the last one's parts in their own columns) and the actions taken.
/// </summary>
public class ChargeRiskState : FlowState
{
    public string ChargeId { get; set; } = null!;
    public string? PaymentIntentId { get; set; }

    public string? WarningId { get; set; }
    public bool? WarningActionable { get; set; }
    public string? FraudType { get; set; }
    public DateTime? WarningReportedAt { get; set; }
    public string? LastWarningEventId { get; set; }

    /// <summary>Radar's outcome as <c>charge.succeeded</c> reported it (the charge's description has the current one).</summary>
    public string? ObservedRiskLevel { get; set; }
    public int? ObservedRiskScore { get; set; }
    public string? LastRiskEventId { get; set; }

    public long? AmountMinor { get; set; }
    public string? Currency { get; set; }
    public string? P21OrderNo { get; set; }
    public string? ZnodeOrderNumber { get; set; }
    public DateTime? ChargeDescribedAt { get; set; }

    /// <summary>Every decision, one line each: time | rule | actions | signals | explanation.</summary>
    public string Decisions { get; set; } = "";
    public int DecisionCount { get; set; }
    public string? LastRule { get; set; }
    /// <summary>Comma-separated: <c>ProactiveRefund</c>, <c>HoldOrder</c>, <c>Alert</c>.</summary>
    public string? LastActions { get; set; }
    public string? LastSignals { get; set; }
    public string? LastExplanation { get; set; }
    public DateTime? LastDecidedAt { get; set; }

    /// <summary>Set once: a proactive refund is never asked twice.</summary>
    public DateTime? RefundRequestedAt { get; set; }
    public string? RefundWarningId { get; set; }
    public string? RefundId { get; set; }
    public long? RefundedAmountMinor { get; set; }
    public DateTime? RefundedAt { get; set; }

    public DateTime? HoldRequestedAt { get; set; }
    public DateTime? HeldAt { get; set; }
    public string? HoldMethod { get; set; }
    /// <summary>Why a hold the policy asked for was not placed (the charge has no P21 order).</summary>
    public string? HoldNote { get; set; }
}
