namespace Payments.Domain.Customers;

/// <summary>
/// The customer fields kept in step across the systems, in neutral terms. The billing address is the Stripe customer's
/// <c>address</c>, P21's corporate (mail) address and the Znode account's default billing address.
/// </summary>
public enum CustomerField
{
    Name,
    Email,
    Phone,
    AddressLine1,
    AddressLine2,
    City,
    /// <summary>State, county or province (Stripe's <c>state</c>, P21's <c>mail_state</c>, Znode's <c>StateName</c>).</summary>
    Region,
    PostalCode,
    /// <summary>ISO 3166-1 alpha-2, upper case.</summary>
    Country,
    /// <summary>Tax ids as <see cref="CustomerTaxIds"/> writes them: <c>type:value</c> pairs, sorted, joined by "; ".</summary>
    TaxIds,
    /// <summary>Payment terms (P21's <c>terms_id</c>).</summary>
    CreditTerms,
    /// <summary>The payment method charged by default (Stripe's <c>invoice_settings.default_payment_method</c>).</summary>
    DefaultPaymentMethod,
}

public static class CustomerFields
{
    public static IReadOnlyList<CustomerField> All { get; } = Enum.GetValues<CustomerField>();

    /// <summary>The fields of the billing address, in the order they are written.</summary>
    public static IReadOnlyList<CustomerField> Address { get; } =
        [CustomerField.AddressLine1, CustomerField.AddressLine2, CustomerField.City, CustomerField.Region, CustomerField.PostalCode, CustomerField.Country];

    /// <summary>A field's name in words, for decisions and problems a person reads.</summary>
    public static string Describe(CustomerField field) => field switch
    {
        CustomerField.Name => "name",
        CustomerField.Email => "e-mail",
        CustomerField.Phone => "phone",
        CustomerField.AddressLine1 => "address line 1",
        CustomerField.AddressLine2 => "address line 2",
        CustomerField.City => "city",
        CustomerField.Region => "state/region",
        CustomerField.PostalCode => "postal code",
        CustomerField.Country => "country",
        CustomerField.TaxIds => "tax ids",
        CustomerField.CreditTerms => "credit terms",
        CustomerField.DefaultPaymentMethod => "default payment method",
        _ => field.ToString(),
    };
}
