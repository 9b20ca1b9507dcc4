using System.Net.Sockets;
using MassTransit;

namespace Payments.Persistence.BusOutbox;

/// <summary>
/// Tells a failed send that says the broker is unreachable (no point trying the next outbox) from one the broker refused
/// for this message only (the next outbox may well go through). The RabbitMQ client's types are matched by name: this
/// project does not depend on the transport.
/// </summary>
static class BrokerFailures
{
    /// <summary>
    /// RabbitMQ closes only the channel for a refusal of one publish: 403 access refused (an exchange we may not use),
    /// 404 not found, 406 precondition failed (an exchange declared otherwise, a message over <c>max_message_size</c>).
    /// </summary>
    static readonly HashSet<int> ChannelLevelReplyCodes = [403, 404, 405, 406];

    /// <summary>
    /// True when <paramref name="exception"/> means the broker itself cannot be used now: no connection, a closed
    /// connection, or no answer within the delivery time-out (a broker that blocks publishers under a memory or disk
    /// alarm answers nobody). A publisher nack, a returned message, a channel-level refusal and an address the transport
    /// cannot use concern the message.
    /// </summary>
    public static bool IsBrokerDown(Exception exception, bool timedOut)
    {
        if (timedOut)
            return true;

        var chain = Chain(exception).ToList();
        if (chain.Any(IsMessageLevel))
            return false;
        return chain.Any(e => e is ConnectionException or SocketException
            || TypeNamed(e, "BrokerUnreachableException", "ConnectFailureException", "AlreadyClosedException"));
    }

    /// <summary>The exception and its inner ones (all of an aggregate's).</summary>
    static IEnumerable<Exception> Chain(Exception exception)
    {
        var pending = new Stack<Exception>([exception]);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            yield return current;
            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                    pending.Push(inner);
            }
            else if (current.InnerException is { } inner)
                pending.Push(inner);
        }
    }

    static bool IsMessageLevel(Exception exception) =>
        // MassTransit.RabbitMqTransport wraps a nack in RabbitMqConnectionException around RabbitMQ's PublishException.
        TypeNamed(exception, "PublishException", "MessageReturnedException", "MessageNotAcknowledgedException")
        || (TypeNamed(exception, "OperationInterruptedException") && ReplyCode(exception) is { } code && ChannelLevelReplyCodes.Contains(code));

    /// <summary>RabbitMQ's <c>ShutdownReason.ReplyCode</c> of an <c>OperationInterruptedException</c>, read by reflection.</summary>
    static int? ReplyCode(Exception exception)
    {
        var reason = exception.GetType().GetProperty("ShutdownReason")?.GetValue(exception);
        return reason?.GetType().GetProperty("ReplyCode")?.GetValue(reason) switch
        {
            ushort code => code,
            int code => code,
            _ => null,
        };
    }

    static bool TypeNamed(Exception exception, params string[] names)
    {
        for (var type = exception.GetType(); type != null && type != typeof(Exception); type = type.BaseType)
        {
            if (names.Contains(type.Name))
                return true;
        }
        return false;
    }
}
