namespace Payments.P21Service.Client.Transactions;

// The Transaction API's wire shapes, PascalCase as P21 sends them: every Value is a string; Status must be "New" for create.

/// <summary>One Transaction API request. Build it with <see cref="For"/> rather than by hand.</summary>
public sealed record TransactionSet
{
    /// <summary>Starts a set for the Transaction API service <paramref name="service"/> (<c>Order</c>, <c>Customer</c>, …).</summary>
    public static TransactionSetBuilder For(string service) => new(service);

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
