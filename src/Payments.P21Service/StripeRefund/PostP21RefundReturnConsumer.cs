using MassTransit;
using Payments.Contracts.StripeRefund;
using Payments.P21Service.Returns;

namespace Payments.P21Service.StripeRefund;

/// <summary>
/// The stripe-refund flow's step in P21: the refund's return document (<see cref="RefundReturnPoster"/>: an RMA, or a journal), announced
/// with <c>P21RefundReturnPosted</c>. A Znode-origin refund whose sale journal is not in P21 yet is a transient failure: redelivered later.
/// </summary>
public sealed class PostP21RefundReturnConsumer(RefundReturnPoster poster) : IConsumer<PostP21RefundReturn>
{
    public async Task Consume(ConsumeContext<PostP21RefundReturn> context) =>
        await context.Publish(await poster.PostAsync(context.Message, context.CancellationToken), context.CancellationToken);
}
