using System.Diagnostics.Metrics;
using System.Text.Json;
using Payments.ServiceDefaults.Messaging;

namespace Payments.Integration.Tests.Messaging;

[TestFixture]
public class When_a_consumer_fails_permanently : RetryPolicyFixture
{
    [Test]
    public async Task Should_move_the_message_to_the_error_queue_without_retrying_and_publish_the_fault()
    {
        var faultedTags = new List<KeyValuePair<string, object?>>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == MessagingMetrics.FaultedCounter)
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            if (tags.ToArray().Any(t => t.Key == "queue" && (string?)t.Value == Queue))
                lock (faultedTags) faultedTags.AddRange(tags.ToArray());
        });
        listener.Start();

        await using var host = await ScriptedHost.StartAsync(Broker, Queue, ShortRetries);
        var script = NewScript(out var command);
        script.Permanent = true;

        await host.SendAsync(Queue, command);
        var fault = await script.Faulted.Task.WaitAsync(Within);
        await Broker.WaitForCountAsync(ErrorQueue, 1, Within);

        Assert.That(script.Attempts, Is.EqualTo(1), "a permanent failure is not retried");
        Assert.That(fault.Exceptions[0].Message, Is.EqualTo("Customer 10042 is on credit hold"));

        var message = (await Broker.PeekAsync(ErrorQueue)).Single();
        var headers = message.GetProperty("properties").GetProperty("headers");
        Assert.Multiple(() =>
        {
            Assert.That(headers.GetProperty("MT-Fault-ExceptionType").GetString(), Does.EndWith("PermanentFailureException"));
            Assert.That(headers.GetProperty("MT-Fault-Message").GetString(), Is.EqualTo("Customer 10042 is on credit hold"));
            Assert.That(headers.GetProperty("MT-Reason").GetString(), Is.EqualTo("fault"));
            Assert.That(headers.GetProperty("Payments-Failure-Kind").GetString(), Is.EqualTo("permanent"));
            Assert.That(headers.GetProperty("Payments-Failure-System").GetString(), Is.EqualTo("P21"));
            Assert.That(headers.TryGetProperty("MT-Redelivery-Count", out _), Is.False, "never redelivered");
        });

        listener.RecordObservableInstruments();
        lock (faultedTags)
        {
            Assert.That(faultedTags, Does.Contain(new KeyValuePair<string, object?>("kind", "permanent")));
            Assert.That(faultedTags, Does.Contain(new KeyValuePair<string, object?>("system", "P21")));
        }
    }
}
