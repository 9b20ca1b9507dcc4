using Payments.Contracts.ZnodeOrderToCash;

namespace Payments.ZnodeService.ZnodeOrderToCash;

/// <summary><see cref="RemindZnodeOrderPaymentConsumer"/> behind the inbox/outbox, one <see cref="RemindZnodeOrderPayment"/> at a time per order (<see cref="ZnodeConsumerDefinition{TConsumer, TMessage}"/>).</summary>
public sealed class RemindZnodeOrderPaymentConsumerDefinition : ZnodeConsumerDefinition<RemindZnodeOrderPaymentConsumer, RemindZnodeOrderPayment>;
