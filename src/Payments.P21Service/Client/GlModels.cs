using System.Text.Json.Serialization;

namespace Payments.P21Service.Client;

/// <summary>
/// One line of a journal entry as <c>/api/accounting/gl/</c> takes it and echoes it (PascalCase, signed <c>Amount</c>: debit positive,
/// credit negative; <c>TransactionDate</c> without a zone). The reply adds the entry's <c>TransactionNumber</c>.
/// </summary>
public sealed record GlEntryLine
{
    public required string CompanyNo { get; init; }
    public required string AccountNumber { get; init; }
    public required int Period { get; init; }
    public required int YearForPeriod { get; init; }
    public required string JournalId { get; init; }
    public required decimal Amount { get; init; }
    public required decimal ForeignAmount { get; init; }
    public string? Description { get; init; }
    public string? Source { get; init; }
    /// <summary><c>yyyy-MM-ddTHH:mm:ss</c> in the ERP's zone.</summary>
    public required string TransactionDate { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public decimal? TransactionNumber { get; init; }
}

/// <summary>A row of OData's <c>gl</c> table, to find an entry already posted by its reference.</summary>
public sealed record GlRow
{
    [JsonPropertyName("transaction_number")] public decimal? TransactionNumber { get; init; }
    [JsonPropertyName("account_number")] public string? AccountNumber { get; init; }
    [JsonPropertyName("amount")] public decimal Amount { get; init; }
    [JsonPropertyName("source")] public string? Source { get; init; }
    [JsonPropertyName("description")] public string? Description { get; init; }
}
