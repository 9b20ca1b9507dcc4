using MassTransit;
using MassTransit.Middleware;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Payments.ServiceDefaults.Messaging;

/// <summary>
/// The retry and fault policy applied to every receive endpoint (see docs/messaging.md):
/// transient failures get quick in-memory retries, then (on RabbitMQ) delayed redelivery through wait queues;
/// unknown failures get the quick retries only; permanent failures none. Whatever is left goes to <c>queue_error</c>
/// with MassTransit's fault headers, a log line and a metric, and MassTransit publishes <c>Fault&lt;T&gt;</c>.
/// </summary>
public static class RetryPolicy
{
    public static void Apply(IRegistrationContext context, IReceiveEndpointConfigurator endpoint, BusTransport transport)
    {
        var options = context.GetRequiredService<RetryOptions>();
        var logger = context.GetRequiredService<ILoggerFactory>().CreateLogger("Payments.Messaging.Faults");
        var metrics = context.GetRequiredService<MessagingMetrics>();

        endpoint.ConfigureError(error =>
        {
            error.UseFilter(new FaultRecordingFilter(logger, metrics));
            // What MassTransit does when the error pipe is left alone: publish the fault, move the message to _error.
            error.UseFilter(new GenerateFaultFilter());
            error.UseFilter(new ErrorTransportFilter());
        });

        // Outer stage first: redelivery wraps the in-memory retries, so it only sees what they could not fix.
        if (transport == BusTransport.RabbitMq && options.Redelivery.Length > 0)
        {
            var waitQueues = context.GetRequiredService<WaitQueues>();
            // The observer connects itself to the endpoint and adds the filters as consumers and sagas are configured.
            _ = new WaitQueueRedeliveryConfigurationObserver(endpoint, waitQueues, r =>
            {
                r.Handle<Exception>(e => FailureClassifier.Classify(e) == FailureKind.Transient);
                r.SetRetryPolicy(filter => new BackoffRetryPolicy(filter, options.Redelivery));
            });
        }

        if (options.Immediate.Length > 0)
        {
            endpoint.UseMessageRetry(r =>
            {
                r.Handle<Exception>(e => FailureClassifier.Classify(e) != FailureKind.Permanent);
                r.SetRetryPolicy(filter => new BackoffRetryPolicy(filter, options.Immediate, options.MaxInMemoryDelay));
            });
        }
    }
}
