using MassTransit;
using Microsoft.Extensions.Logging;
using Payments.ServiceDefaults.Failures;

namespace Payments.ServiceDefaults.Messaging;

/// <summary>
/// First step of every endpoint's error pipe (before MassTransit publishes the fault and moves the message to <c>_error</c>):
/// one error log line with the reason, a <see cref="MessagingMetrics.FaultedCounter"/> count, and headers that tell an operator
/// what kind of failure it was.
/// </summary>
public sealed class FaultRecordingFilter(ILogger logger, MessagingMetrics metrics) : IFilter<ExceptionReceiveContext>
{
    public const string KindHeader = "Payments-Failure-Kind";
    public const string SystemHeader = "Payments-Failure-System";

    public Task Send(ExceptionReceiveContext context, IPipe<ExceptionReceiveContext> next)
    {
        var exception = context.Exception;
        var kind = FailureClassifier.Classify(exception);
        var system = FailureClassifier.System(exception);
        var queue = context.InputAddress.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? context.InputAddress.ToString();
        var root = exception.GetBaseException();
        var reason = exception is PermanentFailureException permanent ? permanent.Reason : root.Message;
        var retries = context.TryGetPayload(out RetryContext? retry) ? retry.RetryCount : 0;

        context.ExceptionHeaders.Set(KindHeader, kind.ToString().ToLowerInvariant());
        if (system != null)
            context.ExceptionHeaders.Set(SystemHeader, system);

        logger.LogError(exception,
            "Message {MessageId} on {Queue} moved to {ErrorQueue}: {FailureKind} failure{System} after {RetryCount} retries: {Reason}",
            context.GetMessageId(), queue, queue + "_error", kind, system == null ? "" : $" from {system}", retries, reason);
        metrics.Faulted(queue, kind, root.GetType().Name, system);

        return next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("paymentsFaultRecording");
}
