namespace Payments.Domain.Risk;

/// <summary>What a risk rule asks for.</summary>
public enum RiskAction
{
    /// <summary>Refund the charge before it is disputed: a refunded charge cannot be disputed, so no dispute fee is lost.</summary>
    ProactiveRefund,
    /// <summary>Hold the ERP order (not shipped while risk is elevated).</summary>
    HoldOrder,
    /// <summary>Tell a person.</summary>
    Alert,
}
