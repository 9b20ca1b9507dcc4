using System.Text.Json.Serialization;

namespace Payments.P21Service.Client;

// Wire shapes. Token and router use PascalCase as P21 sends it; OData rows use P21's snake_case column names.
// The Transaction API's shapes are in Transactions/TransactionModels.cs.

public sealed record TokenRequest
{
    [JsonPropertyName("username"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Username { get; init; }
    [JsonPropertyName("password"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Password { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? ClientSecret { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? GrantType { get; init; }
}

/// <summary>Credential tokens report <c>ExpiresInSeconds</c>, consumer-key tokens <c>ExpiresIn</c>.</summary>
public sealed record TokenResponse
{
    public string? AccessToken { get; init; }
    public string? TokenType { get; init; }
    public long? ExpiresInSeconds { get; init; }
    public long? ExpiresIn { get; init; }
}

public sealed record UiServerRoute
{
    public string? Url { get; init; }
}

public sealed record ODataResult<T>
{
    [JsonPropertyName("@odata.count")] public long? Count { get; init; }
    [JsonPropertyName("value")] public List<T> Value { get; init; } = [];
}

public sealed record CustomerRow
{
    [JsonPropertyName("customer_id")] public decimal CustomerId { get; init; }
    [JsonPropertyName("company_id")] public string? CompanyId { get; init; }
    [JsonPropertyName("customer_name")] public string? CustomerName { get; init; }
    [JsonPropertyName("delete_flag")] public string? DeleteFlag { get; init; }
    [JsonPropertyName("terms_id")] public string? TermsId { get; init; }
    [JsonPropertyName("credit_status")] public string? CreditStatus { get; init; }
    [JsonPropertyName("date_last_modified")] public DateTime? DateLastModified { get; init; }
    /// <summary>Columns asked for by a configured name (the tax id field).</summary>
    [JsonExtensionData] public Dictionary<string, System.Text.Json.JsonElement>? Other { get; init; }
}

public sealed record AddressRow
{
    [JsonPropertyName("id")] public decimal Id { get; init; }
    [JsonPropertyName("email_address")] public string? EmailAddress { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("mail_address1")] public string? MailAddress1 { get; init; }
    [JsonPropertyName("mail_address2")] public string? MailAddress2 { get; init; }
    [JsonPropertyName("mail_city")] public string? MailCity { get; init; }
    [JsonPropertyName("mail_state")] public string? MailState { get; init; }
    [JsonPropertyName("mail_postal_code")] public string? MailPostalCode { get; init; }
    [JsonPropertyName("mail_country")] public string? MailCountry { get; init; }
    [JsonPropertyName("central_phone_number")] public string? CentralPhoneNumber { get; init; }
}

/// <summary>A customer note [inferred table, docs/external-apis/p21.md#customer-notes-and-credit-hold].</summary>
public sealed record CustomerNoteRow
{
    [JsonPropertyName("note_id")] public decimal NoteId { get; init; }
    [JsonPropertyName("customer_id")] public decimal CustomerId { get; init; }
    [JsonPropertyName("topic")] public string? Topic { get; init; }
}

public sealed record ContactRow
{
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("address_id")] public decimal? AddressId { get; init; }
    [JsonPropertyName("email_address")] public string? EmailAddress { get; init; }
}

public sealed record ShipToRow
{
    [JsonPropertyName("ship_to_id")] public decimal ShipToId { get; init; }
    [JsonPropertyName("customer_id")] public decimal CustomerId { get; init; }
}

public sealed record ItemRow
{
    [JsonPropertyName("inv_mast_uid")] public int InvMastUid { get; init; }
    [JsonPropertyName("item_id")] public string ItemId { get; init; } = "";
    [JsonPropertyName("item_desc")] public string? ItemDesc { get; init; }
    [JsonPropertyName("price1")] public decimal? Price1 { get; init; }
}

/// <summary>A row of <c>chart_of_accts</c> (docs/external-apis/p21.md): the account number is what a journal line names.</summary>
public sealed record ChartOfAccountsRow
{
    [JsonPropertyName("account_no")] public string AccountNo { get; init; } = "";
}

/// <summary>A row of <c>periods</c>, P21's fiscal calendar: <c>period_closed</c> is <c>Y</c> for a period closed for posting.</summary>
public sealed record PeriodRow
{
    [JsonPropertyName("year_for_period")] public decimal YearForPeriod { get; init; }
    [JsonPropertyName("period")] public decimal Period { get; init; }
    [JsonPropertyName("period_closed")] public string? PeriodClosed { get; init; }
}

public sealed record OrderHeaderRow
{
    [JsonPropertyName("order_no")] public string OrderNo { get; init; } = "";
    [JsonPropertyName("customer_id")] public decimal CustomerId { get; init; }
    [JsonPropertyName("web_reference_no")] public string? WebReferenceNo { get; init; }
    [JsonPropertyName("po_no")] public string? PoNo { get; init; }
    [JsonPropertyName("cancel_flag")] public string? CancelFlag { get; init; }
    [JsonPropertyName("delete_flag")] public string? DeleteFlag { get; init; }
    [JsonPropertyName("ship_to_id")] public decimal? ShipToId { get; init; }
    [JsonPropertyName("approved")] public string? Approved { get; init; }
    [JsonPropertyName("rma_flag")] public string? RmaFlag { get; init; }
    [JsonPropertyName("order_hold_class_id")] public string? OrderHoldClassId { get; init; }
}

public sealed record OrderLineRow
{
    [JsonPropertyName("order_no")] public string OrderNo { get; init; } = "";
    [JsonPropertyName("line_no")] public decimal LineNo { get; init; }
    [JsonPropertyName("inv_mast_uid")] public int InvMastUid { get; init; }
    [JsonPropertyName("unit_quantity")] public decimal UnitQuantity { get; init; }
    [JsonPropertyName("unit_price")] public decimal UnitPrice { get; init; }
}
