using MassTransit;
using MassTransit.Configuration;
using MassTransit.Middleware;
using MassTransit.Serialization;

namespace Payments.ServiceDefaults.Messaging;

/// <summary>Sends the message being consumed to a <see cref="WaitQueues"/> queue, addressed to come back to the queue it came from.</summary>
public sealed class WaitQueueRedeliveryContext<TMessage>(ConsumeContext<TMessage> context, WaitQueues waitQueues) : MessageRedeliveryContext
    where TMessage : class
{
    public async Task ScheduleRedelivery(TimeSpan delay, Action<ConsumeContext, SendContext>? callback = null)
    {
        await waitQueues.EnsureDeclaredAsync(context.CancellationToken);

        var sourceQueue = context.ReceiveContext.InputAddress.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries)[^1];
        var waitExchange = await context.GetSendEndpoint(new Uri($"exchange:{waitQueues.NameFor(delay)}"));

        var pipe = Pipe.Execute<SendContext<TMessage>>(send =>
        {
            send.ApplyRedeliveryOptions(context, RedeliveryOptions.None); // same MessageId, MT-Redelivery-Count + 1
            send.SetRoutingKey(sourceQueue);
            // The broker's own dead-letter history is rewritten on every pass; copying it back would only grow the headers.
            send.Headers.Set("x-death", null);
            send.Headers.Set("x-first-death-exchange", null);
            send.Headers.Set("x-first-death-queue", null);
            send.Headers.Set("x-first-death-reason", null);
            callback?.Invoke(context, send);
        });
        await waitExchange.Send(context.Message, new ForwardMessagePipe<TMessage>(context, pipe), context.CancellationToken);
    }
}

/// <summary>Puts a <see cref="WaitQueueRedeliveryContext{TMessage}"/> on the consume context, where MassTransit's redelivery retry filter finds it.</summary>
public sealed class WaitQueueRedeliveryFilter<TMessage>(WaitQueues waitQueues) : IFilter<ConsumeContext<TMessage>>
    where TMessage : class
{
    public Task Send(ConsumeContext<TMessage> context, IPipe<ConsumeContext<TMessage>> next)
    {
        context.GetOrAddPayload<MessageRedeliveryContext>(() => new WaitQueueRedeliveryContext<TMessage>(context, waitQueues));
        return next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("waitQueueRedelivery");
}

sealed class WaitQueueRedeliveryPipeSpecification<TMessage>(WaitQueues waitQueues) : IPipeSpecification<ConsumeContext<TMessage>>, IRedeliveryPipeSpecification
    where TMessage : class
{
    // Always None: a redelivered message keeps its MessageId, so idempotent consumers and the redrive tool see one message.
    public RedeliveryOptions Options { get; set; }

    public void Apply(IPipeBuilder<ConsumeContext<TMessage>> builder) => builder.AddFilter(new WaitQueueRedeliveryFilter<TMessage>(waitQueues));

    public IEnumerable<ValidationResult> Validate() => [];
}

/// <summary>
/// MassTransit's scheduled-redelivery wiring (a redelivery retry filter per consumed message type) with our wait queues as the
/// mechanism, in place of a message scheduler or the delayed-exchange plugin.
/// </summary>
sealed class WaitQueueRedeliveryConfigurationObserver(IConsumePipeConfigurator configurator, WaitQueues waitQueues, Action<IRedeliveryConfigurator> configure)
    : ScheduledRedeliveryConfigurationObserver(configurator, configure)
{
    protected override IRedeliveryPipeSpecification AddRedeliveryPipeSpecification<TMessage>(IConsumePipeConfigurator pipe)
    {
        var specification = new WaitQueueRedeliveryPipeSpecification<TMessage>(waitQueues);
        pipe.AddPipeSpecification(specification);
        return specification;
    }
}
