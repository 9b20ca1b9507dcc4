using System.Text.Json.Serialization;

namespace Payments.P21Service.Api;

// Wire shapes. Token, router and Transaction API use PascalCase as P21 sends it; OData rows use P21's snake_case column names.

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
}

public sealed record AddressRow
{
    [JsonPropertyName("id")] public decimal Id { get; init; }
    [JsonPropertyName("email_address")] public string? EmailAddress { get; init; }
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

public sealed record OrderHeaderRow
{
    [JsonPropertyName("order_no")] public string OrderNo { get; init; } = "";
    [JsonPropertyName("customer_id")] public decimal CustomerId { get; init; }
    [JsonPropertyName("web_reference_no")] public string? WebReferenceNo { get; init; }
    [JsonPropertyName("po_no")] public string? PoNo { get; init; }
    [JsonPropertyName("cancel_flag")] public string? CancelFlag { get; init; }
    [JsonPropertyName("delete_flag")] public string? DeleteFlag { get; init; }
}

public sealed record OrderLineRow
{
    [JsonPropertyName("order_no")] public string OrderNo { get; init; } = "";
    [JsonPropertyName("line_no")] public decimal LineNo { get; init; }
    [JsonPropertyName("inv_mast_uid")] public int InvMastUid { get; init; }
    [JsonPropertyName("unit_quantity")] public decimal UnitQuantity { get; init; }
    [JsonPropertyName("unit_price")] public decimal UnitPrice { get; init; }
}

// Transaction API: every Value is a string; Status must be "New" for create.

public sealed record TransactionSet
{
    public required string Name { get; init; }
    public bool UseCodeValues { get; init; }
    public bool IgnoreDisabled { get; init; }
    public required IReadOnlyList<Transaction> Transactions { get; init; }
}

public sealed record Transaction
{
    public string Status { get; init; } = "New";
    public IReadOnlyList<DataElement> DataElements { get; init; } = [];
}

public sealed record DataElement
{
    public required string Name { get; init; }
    public string? Type { get; init; }
    public IReadOnlyList<string> Keys { get; init; } = [];
    public IReadOnlyList<DataRow> Rows { get; init; } = [];
}

public sealed record DataRow
{
    public IReadOnlyList<Edit> Edits { get; init; } = [];
    public IReadOnlyList<Edit> RelativeDateEdits { get; init; } = [];
}

public sealed record Edit(string Name, string? Value);

public sealed record TransactionResponse
{
    public List<string>? Messages { get; init; }
    /// <summary>Null on a failure in P21's examples; tolerated either way.</summary>
    public TransactionResults? Results { get; init; }
    public TransactionSummary? Summary { get; init; }

    /// <summary>The generated value of <paramref name="field"/> in the result rows (e.g. <c>order_no</c>, <c>customer_id</c>).</summary>
    public string? ResultValue(string dataElement, string field) =>
        Results?.Transactions?.SelectMany(t => t.DataElements ?? [])
            .Where(e => e.Name == dataElement)
            .SelectMany(e => e.Rows ?? [])
            .SelectMany(r => r.Edits ?? [])
            .LastOrDefault(e => e.Name == field)?.Value;
}

public sealed record TransactionResults
{
    public string? Name { get; init; }
    public List<ResultTransaction>? Transactions { get; init; }
}

public sealed record ResultTransaction
{
    public string? Status { get; init; }
    public List<ResultDataElement>? DataElements { get; init; }
}

public sealed record ResultDataElement
{
    public string? Name { get; init; }
    public List<ResultRow>? Rows { get; init; }
}

public sealed record ResultRow
{
    public List<Edit>? Edits { get; init; }
}

public sealed record TransactionSummary
{
    public int Succeeded { get; init; }
    public int Failed { get; init; }
    public int Other { get; init; }
}
