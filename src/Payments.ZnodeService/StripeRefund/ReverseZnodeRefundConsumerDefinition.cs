using Payments.Contracts.StripeRefund;
using Payments.ZnodeService.ZnodeOrderToCash;

namespace Payments.ZnodeService.StripeRefund;

/// <summary><see cref="ReverseZnodeRefundConsumer"/> behind the inbox/outbox, one <see cref="ReverseZnodeRefund"/> at a time per refund (<see cref="ZnodeConsumerDefinition{TConsumer, TMessage}"/>).</summary>
public sealed class ReverseZnodeRefundConsumerDefinition : ZnodeConsumerDefinition<ReverseZnodeRefundConsumer, ReverseZnodeRefund>;
