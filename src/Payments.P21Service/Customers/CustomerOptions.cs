using System.ComponentModel.DataAnnotations;

namespace Payments.P21Service.Customers;

/// <summary>The <c>P21:Customers</c> section: how payers are found, and what the customers we create get.</summary>
public sealed class CustomerOptions
{
    public const string Section = "P21:Customers";

    /// <summary>Salesrep and default branch for customers we create (P21 requires both).</summary>
    [Required(ErrorMessage = "{0} is required to create customers.")]
    public string SalesrepId { get; set; } = "";

    [Required(ErrorMessage = "{0} is required to create customers.")]
    public string DefaultBranch { get; set; } = "";

    /// <summary>Customer for payments with neither a <c>p21_customer_id</c> nor an e-mail; empty = such payments fail for an operator to resolve.</summary>
    [Range(1, long.MaxValue, ErrorMessage = "{0} must be a positive customer id, or left empty.")]
    public long? WalkInCustomerId { get; set; }

    /// <summary>
    /// The field of the Customer service's general tab (<c>TABPAGE_1.tp_1_dw_1</c>) that takes the payer's e-mail, so the next
    /// payment finds the customer. Not in P21's public Customer recipe (inferred); without it every payment by this e-mail would
    /// create another customer.
    /// </summary>
    [Required(ErrorMessage = "{0} is required (the customer field that keeps the e-mail, default email_address).")]
    public string EmailField { get; set; } = "email_address";

    /// <summary>
    /// The Customer form field that keeps a customer's tax ids (Stripe's <c>type:value</c> pairs). P21 documents none
    /// (docs/external-apis/p21.md#customer-update) [inferred]; empty: tax ids are not written to P21.
    /// </summary>
    public string? TaxIdField { get; set; } = "tax_exempt_number";

    /// <summary>
    /// Column lengths a customer is checked against before anything is written (<c>P21:Customers:FieldLengths:&lt;column&gt;</c>), over the
    /// domain's defaults (<c>P21CustomerValidation.DefaultLengths</c>: name and mail lines 50, postal code 10, e-mail 255).
    /// </summary>
    public Dictionary<string, int> FieldLengths { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
