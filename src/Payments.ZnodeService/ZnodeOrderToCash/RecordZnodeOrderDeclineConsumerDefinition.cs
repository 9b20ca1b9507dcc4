using Payments.Contracts.ZnodeOrderToCash;

namespace Payments.ZnodeService.ZnodeOrderToCash;

/// <summary><see cref="RecordZnodeOrderDeclineConsumer"/> behind the inbox/outbox, one <see cref="RecordZnodeOrderDecline"/> at a time per order (<see cref="ZnodeConsumerDefinition{TConsumer, TMessage}"/>).</summary>
public sealed class RecordZnodeOrderDeclineConsumerDefinition : ZnodeConsumerDefinition<RecordZnodeOrderDeclineConsumer, RecordZnodeOrderDecline>;
