using MassTransit;
using MassTransit.Context;

namespace Payments.Persistence.Outbox;

/// <summary>
/// The consume context MassTransit's outbox delivers through, once the consumer's work is committed. A send through a
/// consume context is normally also kept as a consume task, and one failed task fails the whole receive at its end,
/// even after a retry delivered the message or a redelivery was scheduled. Delivery awaits each send itself, so a
/// failure already reaches the retry policy; tracking it again would move a safely redeliverable message to
/// <c>_error</c>.
/// </summary>
sealed class OutboxDeliveryConsumeContext<TMessage>(ConsumeContext<TMessage> context) : ConsumeContextProxy<TMessage>(context)
    where TMessage : class
{
    public override void AddConsumeTask(Task task)
    {
    }
}
