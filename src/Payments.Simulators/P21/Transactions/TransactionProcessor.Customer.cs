using System.Globalization;
using Payments.Simulators.P21.Store;

namespace Payments.Simulators.P21.Transactions;

/// <summary>
/// The <c>Customer</c> service's update of an existing customer, and the customer note service. P21 documents the create only
/// (docs/external-apis/p21.md#customer-update): an update is the same form with <c>customer_id</c> among its edits and <c>Status</c>
/// "New", as an order update carries <c>order_no</c> [inferred]. Every field is checked before anything changes; an empty value clears
/// the field (the name cannot be cleared).
/// </summary>
public sealed partial class TransactionProcessor
{
    /// <summary>Fields an update may change (besides the key). <c>company_id</c> is refused as P21 refuses it on an order [seen for orders].</summary>
    static readonly HashSet<string> CustomerUpdateFields =
    [
        "customer_id", "customer_name", "mail_address1", "mail_address2", "mail_city", "mail_state", "mail_postal_code", "mail_country",
        "central_phone_number", "email_address", "terms_id", "credit_status", "company_id",
    ];

    Transaction UpdateCustomer(Transaction transaction, string customerText)
    {
        RequireKnownElements(transaction, CustomerForm);
        var allowed = new HashSet<string>(CustomerUpdateFields);
        if (!string.IsNullOrWhiteSpace(options.CustomerEmailField)) allowed.Add(options.CustomerEmailField);
        if (!string.IsNullOrWhiteSpace(options.CustomerTaxIdField)) allowed.Add(options.CustomerTaxIdField);
        var form = SingleRowEdits(Element(transaction, CustomerForm)!, allowed);
        if (form.ContainsKey("company_id")) throw new BusinessRuleException("Column is disabled: company_id"); // [seen on orders]
        var customer = long.TryParse(customerText, NumberStyles.None, CultureInfo.InvariantCulture, out var customerId) ? store.FindCustomer(customerId) : null;
        if (customer is null || customer.DeleteFlag == "Y") throw new BusinessRuleException($"Customer ID {customerText} is not valid."); // our wording
        var lengths = new Dictionary<string, int>(CustomerLengths) { ["credit_status"] = 8, ["terms_id"] = 8 };
        if (!string.IsNullOrWhiteSpace(options.CustomerTaxIdField)) lengths[options.CustomerTaxIdField] = 255; // [inferred]
        FitLengths(form, lengths);
        if (form.TryGetValue("customer_name", out var name) && name.Trim().Length == 0) throw new BusinessRuleException("Customer Name is required.");
        if (form.TryGetValue("credit_status", out var credit) && !options.CreditStatuses.Contains(credit, StringComparer.OrdinalIgnoreCase))
            throw new BusinessRuleException($"Invalid value for Credit Status: {credit}"); // our wording, as P21 words other invalid values

        string? Value(string field, string? current) => form.TryGetValue(field, out var value) ? (value.Length == 0 ? null : value) : current;
        var emailField = string.IsNullOrWhiteSpace(options.CustomerEmailField) ? null : options.CustomerEmailField;
        var taxField = string.IsNullOrWhiteSpace(options.CustomerTaxIdField) ? null : options.CustomerTaxIdField;
        var updated = store.UpdateCustomer(customer.CustomerId, c => c with
        {
            CustomerName = Value("customer_name", c.CustomerName)!,
            MailAddress1 = Value("mail_address1", c.MailAddress1),
            MailAddress2 = Value("mail_address2", c.MailAddress2),
            MailCity = Value("mail_city", c.MailCity),
            MailState = Value("mail_state", c.MailState),
            MailPostalCode = Value("mail_postal_code", c.MailPostalCode),
            MailCountry = Value("mail_country", c.MailCountry),
            CentralPhoneNumber = Value("central_phone_number", c.CentralPhoneNumber),
            // As on create, only the configured e-mail field is kept; email_address is accepted without being kept otherwise.
            EmailAddress = emailField is null ? c.EmailAddress : Value(emailField, c.EmailAddress),
            TaxExemptNumber = taxField is null ? c.TaxExemptNumber : Value(taxField, c.TaxExemptNumber),
            TermsId = Value("terms_id", c.TermsId) ?? c.TermsId,
            CreditStatus = form.TryGetValue("credit_status", out var status) ? status.ToUpperInvariant() : c.CreditStatus,
            DateLastModified = time.GetUtcNow().UtcDateTime,
        })!;
        return new Transaction
        {
            Status = "Passed",
            DataElements =
            [
                new DataElement
                {
                    Name = CustomerForm, Type = "Form", Keys = ["company_id", "customer_id"],
                    Rows = [new DataRow { Edits = form.Where(e => e.Key != "customer_id").Select(e => new Edit { Name = e.Key, Value = e.Value })
                        .Append(new Edit { Name = "company_id", Value = updated.CompanyId })
                        .Append(new Edit { Name = "customer_id", Value = Text(updated.CustomerId) }).ToList() }],
                },
            ],
        };
    }

    /// <summary>The customer note service [inferred]: one note (<c>customer_id</c>, <c>topic</c>, <c>note</c>) on an active customer.</summary>
    Transaction AddCustomerNote(Transaction transaction)
    {
        RequireKnownElements(transaction, options.CustomerNoteForm);
        var form = Element(transaction, options.CustomerNoteForm) is { } f ? SingleRowEdits(f, new HashSet<string> { "customer_id", "topic", "note" }) : [];
        if (!form.TryGetValue("customer_id", out var customerText)) throw new BusinessRuleException("Customer ID is required"); // [seen on orders]
        var customer = long.TryParse(customerText, NumberStyles.None, CultureInfo.InvariantCulture, out var customerId) ? store.FindCustomer(customerId) : null;
        if (customer is null || customer.DeleteFlag == "Y") throw new BusinessRuleException($"Customer ID {customerText} is not valid.");
        FitLengths(form, new Dictionary<string, int> { ["topic"] = 255, ["note"] = 4000 }); // [inferred]
        if (!form.TryGetValue("topic", out var topic) || topic.Length == 0) throw new BusinessRuleException("This column is required."); // [seen]
        var note = store.AddCustomerNote(customer.CustomerId, topic, form.GetValueOrDefault("note") ?? "", time.GetUtcNow().UtcDateTime);
        return new Transaction
        {
            Status = "Passed",
            DataElements =
            [
                new DataElement
                {
                    Name = options.CustomerNoteForm, Type = "Form", Keys = ["note_id"],
                    Rows = [new DataRow { Edits = [new Edit { Name = "note_id", Value = Text(note.NoteId) }, new Edit { Name = "customer_id", Value = Text(customer.CustomerId) }] }],
                },
            ],
        };
    }
}
