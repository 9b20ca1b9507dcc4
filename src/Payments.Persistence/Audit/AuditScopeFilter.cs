using MassTransit;

namespace Payments.Persistence.Audit;

/// <summary>
/// Sets the <see cref="AuditScope"/> for the handling of one message: the step is the message type, the conversation MassTransit's
/// (which every message of a flow inherits from the event that began it, so the trail finds the flow, subject and cause through
/// the intake entry of that conversation). The headers <see cref="FlowHeader"/> and <see cref="SubjectHeader"/>, when a sender
/// sets them, name the flow and subject directly.
/// </summary>
public sealed class AuditScopeFilter<T> : IFilter<ConsumeContext<T>>
    where T : class
{
    public const string FlowHeader = "Payments-Flow";
    public const string SubjectHeader = "Payments-Subject";

    public async Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        using (AuditScope.Begin(new AuditContext
        {
            Step = typeof(T).Name,
            ConversationId = context.ConversationId,
            Flow = context.Headers.Get<string>(FlowHeader),
            Subject = context.Headers.Get<string>(SubjectHeader),
        }))
        {
            await next.Send(context);
        }
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("audit-scope");
}
