namespace Payments.Simulators.P21.Transactions;

// The Transaction API's wire shapes. Property names are PascalCase and bound case-sensitively, as P21 does
// ("transactions" in lower case is silently unbound); unknown properties are ignored.

public sealed class TransactionSet
{
    public string? Name { get; set; }
    public bool UseCodeValues { get; set; }
    public bool IgnoreDisabled { get; set; }
    public List<Transaction>? Transactions { get; set; }
}

public sealed class Transaction
{
    public string? Status { get; set; }
    public List<DataElement>? DataElements { get; set; }
}

public sealed class DataElement
{
    public string? Name { get; set; }
    public string? Type { get; set; }
    public List<string>? Keys { get; set; }
    public List<DataRow>? Rows { get; set; }
}

public sealed class DataRow
{
    public List<Edit>? Edits { get; set; }
    public List<Edit>? RelativeDateEdits { get; set; }
}

public sealed class Edit
{
    public string? Name { get; set; }
    public string? Value { get; set; }
    public bool IgnoreIfEmpty { get; set; }
}

public sealed class TransactionResponse
{
    public List<string> Messages { get; set; } = [];
    public TransactionResults? Results { get; set; }
    public TransactionSummary Summary { get; set; } = new();
}

public sealed class TransactionResults
{
    public string? Name { get; set; }
    public List<Transaction> Transactions { get; set; } = [];
}

public sealed class TransactionSummary
{
    public int Succeeded { get; set; }
    public int Failed { get; set; }
    public int Other { get; set; }
}

public sealed class TransactionGetRequest
{
    public string? ServiceName { get; set; }
    public List<TransactionState>? TransactionStates { get; set; }
}

public sealed class TransactionState
{
    public string? DataElementName { get; set; }
    public List<Edit>? Keys { get; set; }
}
