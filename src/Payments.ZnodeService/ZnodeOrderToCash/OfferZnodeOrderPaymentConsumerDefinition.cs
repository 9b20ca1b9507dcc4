using Payments.Contracts.ZnodeOrderToCash;

namespace Payments.ZnodeService.ZnodeOrderToCash;

/// <summary><see cref="OfferZnodeOrderPaymentConsumer"/> behind the inbox/outbox, one <see cref="OfferZnodeOrderPayment"/> at a time per order (<see cref="ZnodeConsumerDefinition{TConsumer, TMessage}"/>).</summary>
public sealed class OfferZnodeOrderPaymentConsumerDefinition : ZnodeConsumerDefinition<OfferZnodeOrderPaymentConsumer, OfferZnodeOrderPayment>;
