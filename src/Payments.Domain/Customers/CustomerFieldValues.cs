namespace Payments.Domain.Customers;

/// <summary>
/// A field's value in its one comparable spelling, so "only when they differ" means a real difference: surrounding blanks
/// dropped and blank as none; an e-mail lower case; a country as its ISO 3166-1 alpha-2 code where it is one
/// (<see cref="IsoCountries"/>), else as given; tax ids as <see cref="CustomerTaxIds"/> writes them.
/// </summary>
public static class CustomerFieldValues
{
    public static string? Normalise(CustomerField field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var trimmed = value.Trim();
        return field switch
        {
            CustomerField.Email => trimmed.ToLowerInvariant(),
            CustomerField.Country => IsoCountries.TryAlpha2(trimmed, out var alpha2) ? alpha2 : trimmed,
            CustomerField.TaxIds => CustomerTaxIds.Format(CustomerTaxIds.Parse(trimmed)),
            _ => trimmed,
        };
    }
}
