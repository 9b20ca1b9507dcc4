using MassTransit;
using Payments.Contracts.StripeSubscription;
using Payments.P21Service.Subscriptions;

namespace Payments.P21Service.StripeSubscription;

/// <summary>The configured P21 action for a failed subscription payment (<see cref="PaymentFailureActions"/>), once per invoice and attempt; answers <c>SubscriptionPaymentFailureRecorded</c>.</summary>
public sealed class RecordSubscriptionPaymentFailureConsumer(PaymentFailureActions actions) : IConsumer<RecordSubscriptionPaymentFailure>
{
    public async Task Consume(ConsumeContext<RecordSubscriptionPaymentFailure> context) =>
        await context.Publish(await actions.RecordAsync(context.Message, context.CancellationToken), context.CancellationToken);
}
