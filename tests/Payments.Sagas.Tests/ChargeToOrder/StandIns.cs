using MassTransit;
using Payments.Contracts.ChargeToOrder;
using Payments.ServiceDefaults.Failures;

namespace Payments.Sagas.Tests.ChargeToOrder;

/// <summary>Answers PostP21Order as the P21 service would when P21 accepts the order.</summary>
public class AcceptingP21 : IConsumer<PostP21Order>
{
    public const string OrderNo = "1013938";
    public const long CustomerId = 100198;

    public Task Consume(ConsumeContext<PostP21Order> context) => context.Publish(new P21OrderPosted
    {
        CorrelationId = context.Message.CorrelationId,
        ChargeId = context.Message.Payment.ChargeId,
        OrderNo = OrderNo,
        CustomerId = CustomerId,
        CustomerCreated = false,
        AlreadyExisted = false,
    });
}

/// <summary>Refuses PostP21Order as the P21 service does on a P21 business-rule failure.</summary>
public class RefusingP21 : IConsumer<PostP21Order>
{
    public const string Message = "Transaction 1:: Item ID NOPE-1 does not exist";

    public Task Consume(ConsumeContext<PostP21Order> context) => throw new PermanentFailureException(Message, "P21");
}

/// <summary>Answers RecordP21OrderOnCharge as the Stripe service does once the metadata is written.</summary>
public class RecordingStripe : IConsumer<RecordP21OrderOnCharge>
{
    public Task Consume(ConsumeContext<RecordP21OrderOnCharge> context) => context.Publish(new StripeChargeOrderReferenceRecorded
    {
        CorrelationId = context.Message.CorrelationId,
        ChargeId = context.Message.ChargeId,
        OrderNo = context.Message.OrderNo,
    });
}

/// <summary>Answers PostP21Order as the P21 service does when P21 passed the order but kept less than was sent.</summary>
public class DiscrepantP21 : IConsumer<PostP21Order>
{
    public const string OrderNo = "1013940";
    public const string Difference = "line GADGET-200 × 1 was not kept";

    public Task Consume(ConsumeContext<PostP21Order> context) => context.Publish(new P21OrderDiscrepancyFound
    {
        CorrelationId = context.Message.CorrelationId,
        ChargeId = context.Message.Payment.ChargeId,
        OrderNo = OrderNo,
        CustomerId = AcceptingP21.CustomerId,
        CustomerCreated = false,
        Differences = [Difference, "order lines total 25.00 in P21, 74.99 USD charged for them"],
    });
}

/// <summary>Answers CollectChargeOrderDetails as the Stripe service does for a Checkout payment: the session's lines and the customer's e-mail.</summary>
public class CollectingStripe : IConsumer<CollectChargeOrderDetails>
{
    public static readonly IReadOnlyList<OrderLine> SessionLines = [new OrderLine { Sku = "GADGET-200", Quantity = 3, UnitAmountMinor = 4_115 }];
    public const string Email = "buyer@checkout.example";

    public Task Consume(ConsumeContext<CollectChargeOrderDetails> context) => context.Publish(new ChargeOrderDetailsCollected
    {
        CorrelationId = context.Message.CorrelationId,
        Payment = context.Message.Payment with
        {
            Lines = context.Message.Payment.Lines.Count > 0 ? context.Message.Payment.Lines : SessionLines,
            CustomerEmail = context.Message.Payment.CustomerEmail ?? Email,
        },
        LinesFrom = context.Message.Payment.Lines.Count > 0 ? "charge" : "checkout-session",
        CustomerFrom = context.Message.Payment.CustomerEmail is null ? "stripe-customer" : "charge",
    });
}

/// <summary>Refuses CollectChargeOrderDetails as the Stripe service does when a payment has no lines anywhere: quarantined with the reason.</summary>
public class QuarantiningStripe : IConsumer<CollectChargeOrderDetails>
{
    public const string Reason = "Charge ch_spec_1 has no order lines: no Checkout Session for payment intent pi_spec_1, no metadata 'items', and no default item configured";

    public Task Consume(ConsumeContext<CollectChargeOrderDetails> context) => throw new PermanentFailureException(Reason, "Stripe");
}

/// <summary>Answers CollectChargeOrderDetails as the Stripe service does when the charge's PaymentIntent pays a Stripe Billing invoice.</summary>
public class BillingStripe : IConsumer<CollectChargeOrderDetails>
{
    public const string InvoiceId = "in_spec_1";
    public const string SubscriptionId = "sub_spec_1";

    public Task Consume(ConsumeContext<CollectChargeOrderDetails> context) => context.Publish(new ChargePaysBillingInvoice
    {
        CorrelationId = context.Message.CorrelationId,
        ChargeId = context.Message.Payment.ChargeId,
        PaymentIntentId = context.Message.Payment.PaymentIntentId!,
        InvoiceId = InvoiceId,
        SubscriptionId = SubscriptionId,
    });
}
