using MassTransit;

namespace Payments.Contracts.StripeSubscription;

/// <summary>The paid invoice is in P21 (or was already: <see cref="AlreadyExisted"/>).</summary>
[MessageUrn("Payments.StripeSubscription:SubscriptionInvoicePosted")]
[EntityName("Payments.StripeSubscription:SubscriptionInvoicePosted")]
[FaultEntityName("MassTransit:Fault--Payments.StripeSubscription:SubscriptionInvoicePosted--")]
public record SubscriptionInvoicePosted : CorrelatedBy<Guid>
{
    /// <summary>Of the subscription: <c>CorrelationKey(stripe-subscription, SubscriptionId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string SubscriptionId { get; init; }
    public required string InvoiceId { get; init; }
    public required long P21CustomerId { get; init; }
    /// <summary><c>SalesOrder</c> or <c>Invoice</c>.</summary>
    public required string DocumentKind { get; init; }
    public required string DocumentNumber { get; init; }
    public required bool AlreadyExisted { get; init; }
    public required long TotalMinor { get; init; }
    public required string Currency { get; init; }
    public required int LineCount { get; init; }
}
