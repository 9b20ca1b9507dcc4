using Payments.Contracts.StripeRefund;
using Payments.ZnodeService.ZnodeOrderToCash;

namespace Payments.ZnodeService.StripeRefund;

/// <summary><see cref="RecordZnodeRefundConsumer"/> behind the inbox/outbox, one <see cref="RecordZnodeRefund"/> at a time per refund (<see cref="ZnodeConsumerDefinition{TConsumer, TMessage}"/>).</summary>
public sealed class RecordZnodeRefundConsumerDefinition : ZnodeConsumerDefinition<RecordZnodeRefundConsumer, RecordZnodeRefund>;
