using MassTransit;

namespace Payments.Contracts.CustomerSync;

/// <summary>Read the Stripe customer as it is now and report it as a <see cref="StripeCustomerReported"/> snapshot stamped with the time of the read: two reports of one customer in the same second (Stripe stamps events in whole seconds) could only be ordered by a fixed tie-break; what Stripe holds now settles it.</summary>
[MessageUrn("Payments.CustomerSync:RereadStripeCustomer")]
[EntityName("Payments.CustomerSync:RereadStripeCustomer")]
[FaultEntityName("MassTransit:Fault--Payments.CustomerSync:RereadStripeCustomer--")]
public record RereadStripeCustomer : CorrelatedBy<Guid>
{
    /// <summary>The <see cref="StripeCustomerReported.EventType"/> of the snapshot a read reports.</summary>
    public const string ReportEventType = "customer.reread";

    /// <summary>Of the Stripe customer: <c>CorrelationKey(stripe-customer, StripeCustomerId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string StripeCustomerId { get; init; }
    /// <summary>Why, for the log: the fields whose values tied.</summary>
    public required string Reason { get; init; }
    /// <summary>The saga's revision when it asked: part of the read's event id, so a redelivered command reports the same read.</summary>
    public required long Revision { get; init; }
}
