using System.Collections.Concurrent;
using MassTransit;
using Payments.Contracts.Shared;
using Payments.Contracts.StripeRefund;
using Payments.Domain.Refunds;
using Payments.ServiceDefaults.Failures;

namespace Payments.Sagas.Tests.StripeRefund;

/// <summary>
/// What the outside systems hold for the refund specs: the charges as Stripe would describe them (a spec writes the P21 order back
/// later, as charge-to-order does) and the commands whose consumer refuses, as the services do on a permanent failure.
/// </summary>
public sealed class RefundWorld
{
    readonly ConcurrentDictionary<string, StripeChargeFacts> _charges = new();

    public ConcurrentDictionary<string, string> Refusals { get; } = new();

    public void Charge(StripeChargeFacts charge) => _charges[charge.ChargeId] = charge;

    public StripeChargeFacts ChargeOf(string chargeId) => _charges[chargeId];

    public void Change(string chargeId, Func<StripeChargeFacts, StripeChargeFacts> change) => _charges.AddOrUpdate(chargeId, _ => throw new KeyNotFoundException(chargeId), (_, c) => change(c));

    public void RefuseIfAsked<T>()
    {
        if (Refusals.TryGetValue(typeof(T).Name, out var message))
            throw new PermanentFailureException(message, "Spec");
    }
}

/// <summary>Answers DescribeRefundedCharge as the Stripe service does: the charge as Stripe has it now.</summary>
public class DescribingStripe(RefundWorld world) : IConsumer<DescribeRefundedCharge>
{
    public Task Consume(ConsumeContext<DescribeRefundedCharge> context)
    {
        world.RefuseIfAsked<DescribeRefundedCharge>();
        return context.Publish(new RefundedChargeDescribed
        {
            CorrelationId = context.Message.CorrelationId, RefundId = context.Message.RefundId, Charge = world.ChargeOf(context.Message.ChargeId),
        });
    }
}

/// <summary>Answers the P21 commands as the P21 service does: an RMA against a P21 sales order, else a journal (a Znode sale).</summary>
public class BookingP21(RefundWorld world) : IConsumer<PostP21RefundReturn>, IConsumer<ReverseP21RefundReturn>
{
    public static string DocumentOf(string refundId, bool rma) => rma ? $"RMA-{refundId}" : $"JE-{refundId}";

    public Task Consume(ConsumeContext<PostP21RefundReturn> context)
    {
        world.RefuseIfAsked<PostP21RefundReturn>();
        var post = context.Message;
        var rma = post.P21OrderNo is not null;
        return context.Publish(new P21RefundReturnPosted
        {
            CorrelationId = post.CorrelationId, RefundId = post.RefundId, DocumentKind = rma ? "rma" : "journal",
            DocumentNumber = DocumentOf(post.RefundId, rma), AmountMinor = post.AmountMinor, Currency = post.Currency,
        });
    }

    public Task Consume(ConsumeContext<ReverseP21RefundReturn> context)
    {
        world.RefuseIfAsked<ReverseP21RefundReturn>();
        var reverse = context.Message;
        return context.Publish(new P21RefundReturnReversed
        {
            CorrelationId = reverse.CorrelationId, RefundId = reverse.RefundId, DocumentKind = reverse.DocumentKind, DocumentNumber = reverse.DocumentNumber,
            ReversalNumber = reverse.DocumentKind == "journal" ? $"JE-R-{reverse.RefundId}" : null,
        });
    }
}

/// <summary>Answers the Znode commands as the Znode service does when Znode accepts them.</summary>
public class RecordingZnode(RefundWorld world) : IConsumer<RecordZnodeRefund>, IConsumer<ReverseZnodeRefund>
{
    public Task Consume(ConsumeContext<RecordZnodeRefund> context)
    {
        world.RefuseIfAsked<RecordZnodeRefund>();
        return context.Publish(new ZnodeRefundRecorded
        {
            CorrelationId = context.Message.CorrelationId, RefundId = context.Message.RefundId, OrderNumber = context.Message.OrderNumber,
            PaymentStatus = RefundPaymentStatuses.AfterRefund(Enum.Parse<RefundScope>(context.Message.Scope)),
        });
    }

    public Task Consume(ConsumeContext<ReverseZnodeRefund> context)
    {
        world.RefuseIfAsked<ReverseZnodeRefund>();
        return context.Publish(new ZnodeRefundReversed
        {
            CorrelationId = context.Message.CorrelationId, RefundId = context.Message.RefundId, OrderNumber = context.Message.OrderNumber,
            PaymentStatus = context.Message.PaymentStatus,
        });
    }
}
