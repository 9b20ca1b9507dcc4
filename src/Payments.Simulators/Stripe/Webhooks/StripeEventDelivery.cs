using System.Text.Json.Nodes;

namespace Payments.Simulators.Stripe.Webhooks;

public enum StripeEventDeliveryState
{
    /// <summary>No endpoint was configured when the event happened: nothing owed (<c>delivery_success=true</c>).</summary>
    NoEndpoint,
    /// <summary>Not attempted yet.</summary>
    Pending,
    /// <summary>The last attempt got a 2xx.</summary>
    Delivered,
    /// <summary>The last attempt failed (non-2xx, redirect, time-out, connection error).</summary>
    Failed,
}

/// <summary>One attempt to deliver an event: the endpoint's status code, or the error when there was no answer.</summary>
public sealed record StripeEventDelivery(DateTimeOffset At, string Url, int? StatusCode, string? Error, TimeSpan Duration)
{
    /// <summary>Any 2xx; redirects count as failures, as at Stripe.</summary>
    public bool Succeeded => StatusCode is >= 200 and < 300;
}

/// <summary>An event the fake emitted, with its deliveries.</summary>
public sealed record StripeEventRecord(string Id, string Type, JsonObject Event, StripeEventDeliveryState State, IReadOnlyList<StripeEventDelivery> Attempts);
