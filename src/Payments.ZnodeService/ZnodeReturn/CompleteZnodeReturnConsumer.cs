using MassTransit;
using Payments.Contracts.ZnodeReturn;
using Payments.Domain.Money;
using Payments.ZnodeService.Payments;
using Payments.ZnodeService.Returns;

namespace Payments.ZnodeService.ZnodeReturn;

/// <summary>
/// The refunded return in Znode: state <c>REFUND PROCESSED</c> (<c>Znode:Returns:RefundProcessedState</c>) with a note naming the
/// Stripe refund, its amount and the P21 document; nothing when Znode already shows the return in that state, so a redelivery
/// changes nothing. Answers <c>ZnodeReturnCompleted</c>.
/// </summary>
public sealed class CompleteZnodeReturnConsumer(ZnodeReturns returns) : IConsumer<CompleteZnodeReturn>
{
    public async Task Consume(ConsumeContext<CompleteZnodeReturn> context)
    {
        var command = context.Message;
        var amount = MinorUnits.ToDecimal(command.AmountMinor, command.Currency);
        var document = command.P21DocumentNumber is { Length: > 0 } number ? $"; P21 document {number}" : "";
        var note = $"Refunded by Stripe: {AmountText.Format(amount, command.Currency)} (refund {command.RefundId}{document}).";
        var state = await returns.MarkRefundProcessedAsync(command.ReturnNumber, note, context.CancellationToken);

        await context.Publish(new ZnodeReturnCompleted
        {
            CorrelationId = command.CorrelationId,
            ReturnNumber = command.ReturnNumber,
            ReturnState = state,
        }, context.CancellationToken);
    }
}
