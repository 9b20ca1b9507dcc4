using Address = Payments.Contracts.Shared.Address;

namespace Payments.StripeService.Client;

/// <summary>Stripe's values as our contracts hold them: blank strings are absent, addresses carry the name they belong to.</summary>
public static class StripeValues
{
    public static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static Address AddressOf(Stripe.Address address, string? name) => new()
    {
        Name = NonEmpty(name), Line1 = NonEmpty(address.Line1), Line2 = NonEmpty(address.Line2), City = NonEmpty(address.City),
        State = NonEmpty(address.State), PostalCode = NonEmpty(address.PostalCode), Country = NonEmpty(address.Country),
    };
}
