using System.Globalization;

namespace Payments.P21Service.Client.Transactions;

/// <summary>The fields of one row, in order. Every value goes to P21 as a string, numbers in the invariant culture.</summary>
public sealed class TransactionRowBuilder
{
    readonly List<Edit> _edits = [];

    public TransactionRowBuilder Field(string name, string? value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _edits.Add(new Edit(name, value));
        return this;
    }

    public TransactionRowBuilder Field(string name, long value) => Field(name, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>The value trimmed, or no field at all when it is blank (P21 would otherwise overwrite its default with nothing).</summary>
    public TransactionRowBuilder FieldIfPresent(string name, string? value) =>
        string.IsNullOrWhiteSpace(value) ? this : Field(name, value.Trim());

    internal DataRow Build() => new() { Edits = _edits.ToList() };
}
