namespace Payments.Domain.Customers;

/// <summary>What keeps P21 from taking a customer, naming the field and the P21 column, in words a person can act on.</summary>
public sealed record CustomerProblem(CustomerField Field, string? Column, string Message);

/// <summary>A customer checked for P21: valid only without problems; never partly.</summary>
public sealed record P21CustomerCheck(IReadOnlyList<CustomerProblem> Problems)
{
    public bool IsValid => Problems.Count == 0;

    /// <summary>Every problem on its own line, for the fault queue and the alert.</summary>
    public string Summary => IsValid ? "valid for P21" : string.Join(Environment.NewLine, Problems.Select(p => p.Message));
}

/// <summary>
/// Checks a customer before anything is written to P21, so a customer P21 would refuse is quarantined whole with every reason
/// (issue 14, bad data) rather than half-written: the fields P21 needs (by default the name, the e-mail, and an address with a
/// first line, a city, a postal code and a country), an e-mail that is one address, a country that is an ISO 3166-1 country, and
/// every value within its column's length. The message says which system owns the field, as that is where it must be fixed.
/// </summary>
public static class P21CustomerValidation
{
    /// <summary>
    /// The P21 column each field is written to (docs/external-apis/p21.md#customer-create): the Customer form's
    /// <c>TABPAGE_1.tp_1_dw_1</c> fields, which P21 keeps on the customer's corporate address. The phone's column
    /// (<c>central_phone_number</c>, the entity API's <c>CentralPhoneNumber</c>) is inferred; P21 has no documented column for
    /// Stripe's tax ids or payment method, so those are not checked.
    /// </summary>
    public static IReadOnlyDictionary<CustomerField, string> Columns { get; } = new Dictionary<CustomerField, string>
    {
        [CustomerField.Name] = "customer_name",
        [CustomerField.Email] = "email_address",
        [CustomerField.Phone] = "central_phone_number",
        [CustomerField.AddressLine1] = "mail_address1",
        [CustomerField.AddressLine2] = "mail_address2",
        [CustomerField.City] = "mail_city",
        [CustomerField.Region] = "mail_state",
        [CustomerField.PostalCode] = "mail_postal_code",
        [CustomerField.Country] = "mail_country",
        [CustomerField.CreditTerms] = "terms_id",
    };

    /// <summary>
    /// Column lengths, the same as the P21 service writes with (docs/external-apis/p21.md#formats-and-field-lengths):
    /// <c>email_address</c> 255 and <c>mail_postal_code</c> 10 are P21's schema; the name and the mail address lines, city, state
    /// and country are taken to be 50 like <c>oe_hdr.ship2_*</c> (not confirmed). Unknown, so not checked unless configured:
    /// <c>central_phone_number</c>, and <c>terms_id</c> (a 21.1 schema says 2 characters while P21's own examples send "NET30").
    /// Override them with the same settings as the P21 service (<c>P21:FieldLengths:&lt;column&gt;</c>).
    /// </summary>
    public static IReadOnlyDictionary<string, int> DefaultLengths { get; } = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
    {
        ["customer_name"] = 50, ["email_address"] = 255, ["mail_address1"] = 50, ["mail_address2"] = 50, ["mail_city"] = 50,
        ["mail_state"] = 50, ["mail_postal_code"] = 10, ["mail_country"] = 50,
    };

    public static IReadOnlyList<CustomerField> DefaultRequired { get; } =
        [CustomerField.Name, CustomerField.Email, CustomerField.AddressLine1, CustomerField.City, CustomerField.PostalCode, CustomerField.Country];

    /// <summary>Checks the fields P21 keeps (<paramref name="ownership"/>'s keepers) of <paramref name="record"/>.</summary>
    public static P21CustomerCheck Check(
        CustomerRecord record,
        FieldOwnership? ownership = null,
        IReadOnlyDictionary<string, int>? lengths = null,
        IReadOnlyCollection<CustomerField>? required = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        ownership ??= FieldOwnership.Default;
        var limits = new Dictionary<string, int>(DefaultLengths, StringComparer.OrdinalIgnoreCase);
        foreach (var (column, length) in lengths ?? new Dictionary<string, int>()) limits[column] = length;
        var problems = new List<CustomerProblem>();

        foreach (var field in CustomerFields.All.Where(f => ownership.RuleFor(f).Keepers.Contains(CustomerSystem.P21)))
        {
            var value = record[field];
            var column = Columns.GetValueOrDefault(field);
            var name = CustomerFields.Describe(field);
            var fix = FixIn(record, ownership, field);
            var at = column is null ? "" : $" ({column})";

            if (value is null)
            {
                if ((required ?? DefaultRequired).Contains(field))
                    problems.Add(new(field, column, $"The {name} is missing; P21 needs it{at}. Fill it {fix}."));
                continue;
            }
            if (field == CustomerField.Email && CustomerMatching.NormaliseEmail(value) is null)
                problems.Add(new(field, column, $"The e-mail '{value}' is not one e-mail address; P21 finds the customer by it{at}. Correct it {fix}."));
            if (field == CustomerField.Country && !IsoCountries.TryAlpha2(value, out _))
                problems.Add(new(field, column, $"The country '{value}' is not an ISO 3166 country{at}. Correct it {fix}."));
            if (column is not null && limits.TryGetValue(column, out var limit) && value.Length > limit)
                problems.Add(new(field, column, $"The {name} is {value.Length} characters, longer than P21's {column} takes ({limit}): '{value}'. Shorten it {fix}."));
        }
        return new P21CustomerCheck(problems);
    }

    /// <summary>Where to fix a field: the system its value came from, else the systems that may change it.</summary>
    static string FixIn(CustomerRecord record, FieldOwnership ownership, CustomerField field) =>
        record.Applied(field)?.Source is { } from ? $"in {from}" : $"in {string.Join(" or ", ownership.RuleFor(field).Writers)}";
}
