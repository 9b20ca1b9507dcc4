using MassTransit;

namespace Payments.Sagas.OrderPayments;

/// <summary>The life of one Stripe payment on its way into P21, kept by the saga repository.</summary>
public class OrderPaymentState : SagaStateMachineInstance, ISagaVersion
{
    public Guid CorrelationId { get; set; }
    public string CurrentState { get; set; } = null!;
    /// <summary>Optimistic-concurrency version: two events for one payment never overwrite each other.</summary>
    public int Version { get; set; }

    public string ChargeId { get; set; } = null!;
    public string? PaymentIntentId { get; set; }
    public string StripeEventId { get; set; } = null!;
    public long AmountMinor { get; set; }
    public string Currency { get; set; } = null!;
    public string? CustomerEmail { get; set; }

    public string? P21OrderNo { get; set; }
    public long? P21CustomerId { get; set; }

    /// <summary>The step that failed and why, while the payment waits in the Failed state for a person.</summary>
    public string? FailedStep { get; set; }
    public string? FailureReason { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
