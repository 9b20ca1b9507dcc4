namespace Payments.P21Service.Client.Transactions;

/// <summary>
/// Builds a Transaction API set of one transaction, data element by data element, in the order P21 fills them in:
/// <code>
/// TransactionSet.For("Order")
///     .Form("TABPAGE_1.order", header => header.Field("customer_id", customerId).FieldIfPresent("taker", taker))
///     .List("TP_ITEMS.items", lines, (row, line) => row.Field("oe_order_item_id", line.ItemId))
///     .Build();
/// </code>
/// </summary>
public sealed class TransactionSetBuilder
{
    readonly string _service;
    readonly List<DataElement> _elements = [];

    internal TransactionSetBuilder(string service)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(service);
        _service = service;
    }

    /// <summary>A form (one row of fields), e.g. an order header or a customer's general tab.</summary>
    public TransactionSetBuilder Form(string dataElement, Action<TransactionRowBuilder> fields)
    {
        var row = new TransactionRowBuilder();
        fields(row);
        return Add(dataElement, "Form", [row.Build()]);
    }

    /// <summary>A list (one row per item), e.g. order lines. P21 keeps only the last of rows with equal keys.</summary>
    public TransactionSetBuilder List<T>(string dataElement, IEnumerable<T> items, Action<TransactionRowBuilder, T> fields) =>
        List(dataElement, [], items, fields);

    /// <summary>A list whose rows are told apart by <paramref name="keys"/> (e.g. an RMA's <c>oe_order_item_id</c> and <c>max_line_no</c>).</summary>
    public TransactionSetBuilder List<T>(string dataElement, IReadOnlyList<string> keys, IEnumerable<T> items, Action<TransactionRowBuilder, T> fields)
    {
        var rows = items.Select(item =>
        {
            var row = new TransactionRowBuilder();
            fields(row, item);
            return row.Build();
        }).ToList();
        return Add(dataElement, "List", rows, keys);
    }

    public TransactionSet Build() => new()
    {
        Name = _service,
        Transactions = [new Transaction { DataElements = _elements.ToList() }],
    };

    TransactionSetBuilder Add(string dataElement, string type, IReadOnlyList<DataRow> rows, IReadOnlyList<string>? keys = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataElement);
        _elements.Add(new DataElement { Name = dataElement, Type = type, Keys = keys ?? [], Rows = rows });
        return this;
    }
}
