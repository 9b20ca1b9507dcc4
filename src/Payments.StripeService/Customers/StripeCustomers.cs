using System.Net;
using Payments.StripeService.Client;
using Stripe;
using Address = Payments.Contracts.Shared.Address;

namespace Payments.StripeService.Customers;

/// <summary>What a Stripe Customer says about the payer: e-mail, name, and the shipping address (else the billing address).</summary>
public sealed record StripeCustomerDetails(string CustomerId, string? Email, string? Name, Address? Address);

/// <summary>Reads a Stripe Customer, for a charge that names the customer but carries no e-mail (docs/external-apis/stripe.md#customers).</summary>
public sealed class StripeCustomers(StripeClient stripe, ILogger<StripeCustomers> logger)
{
    /// <returns>The customer's details; null when Stripe no longer has the customer (deleted or unknown), which is logged.</returns>
    public async Task<StripeCustomerDetails?> GetAsync(string customerId, string chargeId, CancellationToken cancellationToken)
    {
        Customer customer;
        try
        {
            customer = await stripe.V1.Customers.GetAsync(customerId, cancellationToken: cancellationToken);
        }
        catch (StripeException e) when (e.HttpStatusCode == HttpStatusCode.NotFound)
        {
            logger.LogWarning("Charge {ChargeId} names Stripe customer {CustomerId}, which Stripe does not know: {Message}", chargeId, customerId, e.StripeError?.Message ?? e.Message);
            return null;
        }
        catch (Exception e) when (StripeFailures.IsFromStripeCall(e, cancellationToken))
        {
            throw StripeFailures.Classify(e, $"Reading Stripe customer {customerId} (charge {chargeId})");
        }

        // Stripe answers a deleted customer with a stub: { id, object, deleted: true }.
        if (customer.Deleted == true)
        {
            logger.LogWarning("Charge {ChargeId} names Stripe customer {CustomerId}, which was deleted", chargeId, customerId);
            return null;
        }
        var name = StripeValues.NonEmpty(customer.Shipping?.Name) ?? StripeValues.NonEmpty(customer.Name);
        var address = customer.Shipping?.Address is { } shipping ? StripeValues.AddressOf(shipping, name)
            : customer.Address is { } billing ? StripeValues.AddressOf(billing, customer.Name)
            : null;
        return new StripeCustomerDetails(customer.Id, StripeValues.NonEmpty(customer.Email), StripeValues.NonEmpty(customer.Name), address);
    }
}
