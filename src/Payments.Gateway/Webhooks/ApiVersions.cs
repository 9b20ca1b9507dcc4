using Stripe;

namespace Payments.Gateway.Webhooks;

/// <summary>
/// Stripe.net's compatibility rule for webhook events: versions read <c>yyyy-MM-dd.train</c>, and an event is readable
/// when its train equals the SDK's (any <c>*.endive</c> for Stripe.net 53). A version without a train never matches.
/// </summary>
public static class ApiVersions
{
    public static string Sdk => StripeConfiguration.ApiVersion;

    public static string? TrainOf(string? version)
    {
        var parts = version?.Split('.');
        return parts is { Length: >= 2 } && parts[1].Length > 0 ? parts[1] : null;
    }

    public static bool IsOnSdkTrain(string? eventApiVersion) =>
        TrainOf(eventApiVersion) is { } train && train == TrainOf(Sdk);
}
