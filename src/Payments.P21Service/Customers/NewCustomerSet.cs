using Payments.Contracts.ChargeToOrder;
using Payments.P21Service.Client.Transactions;

namespace Payments.P21Service.Customers;

/// <summary>The Transaction API <c>Customer</c> set that creates the payer: name, salesrep, mail address from the shipping address, e-mail, branch.</summary>
public static class NewCustomerSet
{
    public const string GeneralTab = "TABPAGE_1.tp_1_dw_1";
    public const string ShipToTab = "SHIP_TO_GENERAL.ship_to_general";

    public static TransactionSet For(PaymentDetails payment, string email, CustomerOptions options)
    {
        var address = payment.ShippingAddress;
        var name = FirstNonBlank(payment.CustomerName, address?.Name, email)!;
        return TransactionSet.For("Customer")
            .Form(GeneralTab, general => general
                .Field("customer_name", name)
                .Field("salesrep_id", options.SalesrepId)
                .FieldIfPresent("mail_address1", address?.Line1)
                .FieldIfPresent("mail_address2", address?.Line2)
                .FieldIfPresent("mail_city", address?.City)
                .FieldIfPresent("mail_state", address?.State)
                .FieldIfPresent("mail_postal_code", address?.PostalCode)
                .FieldIfPresent("mail_country", address?.Country)
                .Field(options.EmailField, email))
            .Form(ShipToTab, shipTo => shipTo.Field("default_branch", options.DefaultBranch))
            .Build();
    }

    static string? FirstNonBlank(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
}
