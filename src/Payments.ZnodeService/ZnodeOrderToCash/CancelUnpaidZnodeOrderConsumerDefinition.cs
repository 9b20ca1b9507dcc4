using Payments.Contracts.ZnodeOrderToCash;

namespace Payments.ZnodeService.ZnodeOrderToCash;

/// <summary><see cref="CancelUnpaidZnodeOrderConsumer"/> behind the inbox/outbox, one <see cref="CancelUnpaidZnodeOrder"/> at a time per order (<see cref="ZnodeConsumerDefinition{TConsumer, TMessage}"/>).</summary>
public sealed class CancelUnpaidZnodeOrderConsumerDefinition : ZnodeConsumerDefinition<CancelUnpaidZnodeOrderConsumer, CancelUnpaidZnodeOrder>;
