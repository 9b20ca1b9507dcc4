using MassTransit;
using Payments.Contracts.StripeRefund;
using Payments.P21Service.Returns;

namespace Payments.P21Service.StripeRefund;

/// <summary>The refund failed after its return document was posted: cancel the RMA or post the opposite journal, announced with <c>P21RefundReturnReversed</c>.</summary>
public sealed class ReverseP21RefundReturnConsumer(RefundReturnPoster poster) : IConsumer<ReverseP21RefundReturn>
{
    public async Task Consume(ConsumeContext<ReverseP21RefundReturn> context) =>
        await context.Publish(await poster.ReverseAsync(context.Message, context.CancellationToken), context.CancellationToken);
}
