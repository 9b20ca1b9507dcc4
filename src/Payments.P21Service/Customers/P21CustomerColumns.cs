using Payments.Contracts.CustomerSync;
using Payments.Domain.Customers;

namespace Payments.P21Service.Customers;

/// <summary>
/// Where each customer field goes on P21's Customer form (<c>TABPAGE_1.tp_1_dw_1</c>; docs/external-apis/p21.md#customer-update): the
/// domain's columns (<see cref="P21CustomerValidation.Columns"/>), the e-mail and tax id fields as configured. The credit terms are P21's
/// own (read back, never written from here); the payment method is not kept in P21.
/// </summary>
public static class P21CustomerColumns
{
    public static string? For(CustomerField field, CustomerOptions options) => field switch
    {
        CustomerField.Email => options.EmailField,
        CustomerField.TaxIds => string.IsNullOrWhiteSpace(options.TaxIdField) ? null : options.TaxIdField,
        CustomerField.CreditTerms or CustomerField.DefaultPaymentMethod => null,
        _ => P21CustomerValidation.Columns.GetValueOrDefault(field),
    };

    /// <summary>The wire key (<see cref="CustomerFieldNames"/>) as the domain's field; null for a key that is none.</summary>
    public static CustomerField? Field(string name) =>
        Enum.TryParse<CustomerField>(name, ignoreCase: false, out var field) && Enum.IsDefined(field) ? field : null;
}
