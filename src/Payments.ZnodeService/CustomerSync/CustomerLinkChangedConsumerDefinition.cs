using Payments.Contracts.CustomerSync;
using Payments.ZnodeService.ZnodeOrderToCash;

namespace Payments.ZnodeService.CustomerSync;

/// <summary><see cref="CustomerLinkChangedConsumer"/> behind the inbox/outbox, one copy at a time per customer (<see cref="ZnodeConsumerDefinition{TConsumer, TMessage}"/>).</summary>
public sealed class CustomerLinkChangedConsumerDefinition : ZnodeConsumerDefinition<CustomerLinkChangedConsumer, CustomerLinkChanged>;
