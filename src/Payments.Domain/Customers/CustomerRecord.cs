using System.Collections.Immutable;

namespace Payments.Domain.Customers;

/// <summary>A field's value as applied: what it is, which system said so and when (its <see cref="SourceStamp"/>).</summary>
public sealed record AppliedValue(string? Value, CustomerSystem Source, SourceStamp Stamp);

/// <summary>A field's value as a system last reported it, and when.</summary>
public sealed record SeenValue(string? Value, SourceStamp Stamp);

/// <summary>
/// One customer in neutral terms, the same whichever system it is read from: each field with the value applied, the system it
/// came from and that system's stamp; and, per system, what that system last reported for each field (so a snapshot that
/// repeats what its system said before is not taken for a change there, see <see cref="CustomerMerge"/>). Immutable; a merge
/// returns a new record.
/// </summary>
public sealed record CustomerRecord
{
    public static CustomerRecord Empty { get; } = new(ImmutableSortedDictionary<CustomerField, AppliedValue>.Empty, ImmutableSortedDictionary<(CustomerSystem, CustomerField), SeenValue>.Empty);

    CustomerRecord(ImmutableSortedDictionary<CustomerField, AppliedValue> applied, ImmutableSortedDictionary<(CustomerSystem, CustomerField), SeenValue> seen)
    {
        AppliedFields = applied;
        SeenFields = seen;
    }

    /// <summary>
    /// A record as it was stored (the customer saga keeps it as JSON between messages): the applied values and what each system
    /// reported, as <see cref="AppliedFields"/> and <see cref="SeenFields"/> listed them. A field given twice keeps the last.
    /// </summary>
    public static CustomerRecord Restore(
        IEnumerable<KeyValuePair<CustomerField, AppliedValue>> applied,
        IEnumerable<KeyValuePair<(CustomerSystem System, CustomerField Field), SeenValue>> seen)
    {
        ArgumentNullException.ThrowIfNull(applied);
        ArgumentNullException.ThrowIfNull(seen);
        var appliedFields = ImmutableSortedDictionary<CustomerField, AppliedValue>.Empty.SetItems(applied);
        var seenFields = ImmutableSortedDictionary<(CustomerSystem, CustomerField), SeenValue>.Empty.SetItems(
            seen.Select(s => KeyValuePair.Create<(CustomerSystem, CustomerField), SeenValue>(s.Key, s.Value)));
        return new CustomerRecord(appliedFields, seenFields);
    }

    /// <summary>The applied fields (a field never applied is absent).</summary>
    public ImmutableSortedDictionary<CustomerField, AppliedValue> AppliedFields { get; }

    /// <summary>What each system last reported, by system and field.</summary>
    public ImmutableSortedDictionary<(CustomerSystem System, CustomerField Field), SeenValue> SeenFields { get; }

    public AppliedValue? Applied(CustomerField field) => AppliedFields.GetValueOrDefault(field);

    public SeenValue? Seen(CustomerSystem system, CustomerField field) => SeenFields.GetValueOrDefault((system, field));

    public string? this[CustomerField field] => Applied(field)?.Value;

    public string? Name => this[CustomerField.Name];
    public string? Email => this[CustomerField.Email];
    public string? Phone => this[CustomerField.Phone];
    public string? AddressLine1 => this[CustomerField.AddressLine1];
    public string? AddressLine2 => this[CustomerField.AddressLine2];
    public string? City => this[CustomerField.City];
    public string? Region => this[CustomerField.Region];
    public string? PostalCode => this[CustomerField.PostalCode];
    public string? Country => this[CustomerField.Country];
    public string? TaxIds => this[CustomerField.TaxIds];
    public string? CreditTerms => this[CustomerField.CreditTerms];
    public string? DefaultPaymentMethod => this[CustomerField.DefaultPaymentMethod];

    /// <summary>The applied values alone (without stamps), for comparing two records' contents.</summary>
    public IReadOnlyDictionary<CustomerField, string?> Values => AppliedFields.ToDictionary(f => f.Key, f => f.Value.Value);

    internal CustomerRecord WithApplied(CustomerField field, AppliedValue value) => new(AppliedFields.SetItem(field, value), SeenFields);

    internal CustomerRecord WithSeen(CustomerSystem system, CustomerField field, SeenValue value) => new(AppliedFields, SeenFields.SetItem((system, field), value));

    // Records compare by content, not by the identity of their dictionaries.
    public bool Equals(CustomerRecord? other) =>
        other is not null && AppliedFields.SequenceEqual(other.AppliedFields) && SeenFields.SequenceEqual(other.SeenFields);

    public override int GetHashCode() => HashCode.Combine(AppliedFields.Count, SeenFields.Count);
}
