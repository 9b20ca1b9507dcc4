using MassTransit;
using Payments.Contracts.Shared;
using Payments.Contracts.StripeRefund;
using Payments.Contracts.ZnodeReturn;
using Payments.ServiceDefaults.Failures;

namespace Payments.Sagas.Tests.ZnodeReturn;

/// <summary>How the Stripe stand-in answers RefundZnodeReturn in a spec.</summary>
public sealed class ReturnWorld
{
    /// <summary>Stripe refuses with this message (e.g. more than the charge has left).</summary>
    public string? StripeRefusal { get; set; }
    /// <summary>The refund is made but its answer is held back: the spec sends ZnodeReturnRefunded itself.</summary>
    public bool HoldStripesAnswer { get; set; }
}

/// <summary>
/// Answers RefundZnodeReturn as the Stripe service does: a refund on the charge for the approved amount, the return number in its metadata;
/// Stripe's webhook (refund.created) then reports the refund to the stripe-refund flow through the gateway.
/// </summary>
public class RefundingStripe(ReturnWorld world) : IConsumer<RefundZnodeReturn>
{
    public static string RefundOf(string returnNumber) => $"re_{returnNumber}";

    public async Task Consume(ConsumeContext<RefundZnodeReturn> context)
    {
        var refund = context.Message;
        if (world.StripeRefusal is { } refusal)
            throw new PermanentFailureException(refusal, "Stripe");
        await context.Publish(Reported(refund));
        if (!world.HoldStripesAnswer)
            await context.Publish(Refunded(refund));
    }

    /// <summary>Stripe's <c>refund.created</c> for the return's refund, as the gateway gives it to the stripe-refund flow.</summary>
    public static StripeRefundReported Reported(RefundZnodeReturn refund)
    {
        var refundId = RefundOf(refund.ReturnNumber);
        return new StripeRefundReported
        {
            CorrelationId = CorrelationKey.StripeRefund(refundId).ToGuid(), StripeEventId = $"evt_{refundId}", EventType = "refund.created",
            RefundId = refundId, ChargeId = refund.ChargeId!, AmountMinor = refund.AmountMinor, Currency = refund.Currency, Status = "succeeded",
            ZnodeReturnNumber = refund.ReturnNumber, RefundCreatedAt = DateTimeOffset.UtcNow, ReportedAt = DateTimeOffset.UtcNow,
        };
    }

    public static ZnodeReturnRefunded Refunded(RefundZnodeReturn refund) => new()
    {
        CorrelationId = refund.CorrelationId, ReturnNumber = refund.ReturnNumber, RefundId = RefundOf(refund.ReturnNumber), ChargeId = refund.ChargeId!,
        AmountMinor = refund.AmountMinor, Currency = refund.Currency, Status = "succeeded",
    };
}

/// <summary>Answers CompleteZnodeReturn as the Znode service does: the RMA is REFUND PROCESSED.</summary>
public class CompletingZnodeReturn : IConsumer<CompleteZnodeReturn>
{
    public Task Consume(ConsumeContext<CompleteZnodeReturn> context) => context.Publish(new ZnodeReturnCompleted
    {
        CorrelationId = context.Message.CorrelationId, ReturnNumber = context.Message.ReturnNumber, ReturnState = "REFUND PROCESSED",
    });
}
