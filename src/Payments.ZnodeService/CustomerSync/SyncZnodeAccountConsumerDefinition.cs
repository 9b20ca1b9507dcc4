using Payments.Contracts.CustomerSync;
using Payments.ZnodeService.ZnodeOrderToCash;

namespace Payments.ZnodeService.CustomerSync;

/// <summary>
/// <see cref="SyncZnodeAccountConsumer"/> behind the inbox/outbox (the field revisions are stored in the commit that sends the
/// answer), one command at a time per customer in this process (<see cref="ZnodeConsumerDefinition{TConsumer, TMessage}"/>).
/// </summary>
public sealed class SyncZnodeAccountConsumerDefinition : ZnodeConsumerDefinition<SyncZnodeAccountConsumer, SyncZnodeAccount>;
