using Payments.Contracts.ZnodeOrderToCash;

namespace Payments.ZnodeService.ZnodeOrderToCash;

/// <summary><see cref="RecordZnodeOrderPaymentConsumer"/> behind the inbox/outbox, one <see cref="RecordZnodeOrderPayment"/> at a time per order (<see cref="ZnodeConsumerDefinition{TConsumer, TMessage}"/>).</summary>
public sealed class RecordZnodeOrderPaymentConsumerDefinition : ZnodeConsumerDefinition<RecordZnodeOrderPaymentConsumer, RecordZnodeOrderPayment>;
