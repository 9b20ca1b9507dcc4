using Payments.Contracts.Shared;
using Payments.Domain.Risk;

namespace Payments.Sagas.PaymentRisk;

/// <summary>The risk policy's signals for a charge: the charge as Stripe has it now and the early fraud warning the flow was told of.</summary>
public static class ChargeRiskSignals
{
    public static RiskSignals From(StripeChargeFacts charge, ChargeRiskState saga) => new()
    {
        ChargeId = charge.ChargeId,
        AmountMinor = charge.AmountMinor,
        Currency = charge.Currency.ToUpperInvariant(),
        // The charge's own outcome is current; the one charge.succeeded reported stands in when Stripe gave none.
        RiskLevel = charge.RiskLevel ?? saga.ObservedRiskLevel,
        RiskScore = charge.RiskScore ?? saga.ObservedRiskScore,
        EarlyFraudWarning = saga.WarningId is not null,
        WarningActionable = saga.WarningActionable == true,
        FraudType = saga.FraudType,
        // Fully refunded: nothing is left to refund (Stripe's warning is then no longer actionable either).
        AlreadyRefunded = charge.AmountRefundedMinor >= charge.AmountMinor,
        Disputed = charge.Disputed,
    };
}
