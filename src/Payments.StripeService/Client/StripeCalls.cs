namespace Payments.StripeService.Client;

/// <summary>Runs one Stripe call and turns what went wrong into the failure the retry policy acts on (<see cref="StripeFailures"/>).</summary>
public static class StripeCalls
{
    public static async Task<T> RunAsync<T>(string operation, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (StripeFailures.IsFromStripeCall(e, cancellationToken))
        {
            throw StripeFailures.Classify(e, operation);
        }
    }
}
