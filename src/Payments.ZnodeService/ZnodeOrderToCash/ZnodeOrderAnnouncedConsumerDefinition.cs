using Payments.Contracts.ZnodeOrderToCash;

namespace Payments.ZnodeService.ZnodeOrderToCash;

/// <summary><see cref="ZnodeOrderAnnouncedConsumer"/> behind the inbox/outbox, one <see cref="ZnodeOrderAnnounced"/> at a time per order (<see cref="ZnodeConsumerDefinition{TConsumer, TMessage}"/>).</summary>
public sealed class ZnodeOrderAnnouncedConsumerDefinition : ZnodeConsumerDefinition<ZnodeOrderAnnouncedConsumer, ZnodeOrderAnnounced>;
