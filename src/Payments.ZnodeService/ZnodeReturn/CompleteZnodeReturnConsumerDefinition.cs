using Payments.Contracts.ZnodeReturn;
using Payments.ZnodeService.ZnodeOrderToCash;

namespace Payments.ZnodeService.ZnodeReturn;

/// <summary><see cref="CompleteZnodeReturnConsumer"/> behind the inbox/outbox, one <see cref="CompleteZnodeReturn"/> at a time per return (<see cref="ZnodeConsumerDefinition{TConsumer, TMessage}"/>).</summary>
public sealed class CompleteZnodeReturnConsumerDefinition : ZnodeConsumerDefinition<CompleteZnodeReturnConsumer, CompleteZnodeReturn>;
