using Payments.Domain.Customers;

namespace Payments.Domain.Tests.Customers;

/// <summary>Customer updates as the three systems send them: Stripe with a change list, P21 and Znode as whole records.</summary>
static class Customers
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public static SourceStamp At(int seconds, string? reference = null, long? version = null) => new(T0.AddSeconds(seconds), version, reference);

    public static Dictionary<CustomerField, string?> Fields(params (CustomerField Field, string? Value)[] values) => values.ToDictionary(v => v.Field, v => v.Value);

    /// <summary>A <c>customer.updated</c>: the whole customer, and the fields in <c>previous_attributes</c>.</summary>
    public static CustomerUpdate FromStripe(SourceStamp stamp, Dictionary<CustomerField, string?> values, params CustomerField[] changed) =>
        new(CustomerSystem.Stripe, stamp, values, changed.Length == 0 ? values.Keys.ToHashSet() : changed.ToHashSet());

    public static CustomerUpdate FromZnode(SourceStamp stamp, Dictionary<CustomerField, string?> values) => CustomerUpdate.Snapshot(CustomerSystem.Znode, stamp, values);

    public static CustomerUpdate FromP21(SourceStamp stamp, Dictionary<CustomerField, string?> values) => CustomerUpdate.Snapshot(CustomerSystem.P21, stamp, values);

    /// <summary>A customer known in all three systems: Stripe created it, P21 and Znode were written and have reported it back.</summary>
    public static CustomerRecord Known()
    {
        var created = Fields(
            (CustomerField.Name, "Acme Supply"), (CustomerField.Email, "ap@acme.example"), (CustomerField.Phone, "+1 614 555 0100"),
            (CustomerField.AddressLine1, "1 Main St"), (CustomerField.City, "Columbus"), (CustomerField.Region, "OH"),
            (CustomerField.PostalCode, "43004"), (CustomerField.Country, "US"));
        var record = Merge(CustomerRecord.Empty, new CustomerUpdate(CustomerSystem.Stripe, At(0, "evt_created"), created));
        record = Merge(record, FromP21(At(5), new Dictionary<CustomerField, string?>(created) { [CustomerField.CreditTerms] = "NET30" }));
        return Merge(record, FromZnode(At(6), created));
    }

    public static CustomerRecord Merge(CustomerRecord record, CustomerUpdate update) => CustomerMerge.Apply(record, update, FieldOwnership.Default).Record;

    public static CustomerRecord MergeAll(CustomerRecord record, IEnumerable<CustomerUpdate> updates) => updates.Aggregate(record, Merge);

    public static IEnumerable<IReadOnlyList<T>> Permutations<T>(IReadOnlyList<T> items)
    {
        if (items.Count <= 1)
        {
            yield return items;
            yield break;
        }
        for (var i = 0; i < items.Count; i++)
        {
            var rest = items.Where((_, j) => j != i).ToList();
            foreach (var tail in Permutations(rest))
                yield return [items[i], .. tail];
        }
    }
}
