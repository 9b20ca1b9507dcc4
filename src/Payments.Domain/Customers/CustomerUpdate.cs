namespace Payments.Domain.Customers;

/// <summary>
/// What a system says about a customer at a moment: the fields it reports (a field absent from <see cref="Values"/> is not
/// spoken of; a null value is a field the system has cleared) and, when the system tells, which of them changed (Stripe's
/// <c>data.previous_attributes</c> on <c>customer.updated</c>). Without <see cref="Changed"/> a field counts as changed at the
/// source when it differs from what the source reported last (P21 and Znode send whole records, no change list).
/// </summary>
public sealed record CustomerUpdate(
    CustomerSystem Source,
    SourceStamp Stamp,
    IReadOnlyDictionary<CustomerField, string?> Values,
    IReadOnlySet<CustomerField>? Changed = null)
{
    /// <summary>A created record, or any record read whole from its system: every value is news unless the system said it before.</summary>
    public static CustomerUpdate Snapshot(CustomerSystem source, SourceStamp stamp, IReadOnlyDictionary<CustomerField, string?> values) =>
        new(source, stamp, values);
}
