namespace Payments.Domain.Mappings;

/// <summary>
/// What the mapping check asks the live P21: the CLI answers through OData with its own token, a service through its P21 client. A failure
/// to reach P21 throws <see cref="P21UnreachableException"/>: not a mapping problem (a service warns and starts; the CLI fails).
/// </summary>
public interface IP21Lookup
{
    /// <summary>Which of <paramref name="accounts"/> are in the chart of accounts (case-insensitive, as P21 compares).</summary>
    Task<IReadOnlySet<string>> ExistingAccountsAsync(IReadOnlyCollection<string> accounts, CancellationToken cancellationToken);

    /// <summary>Which of <paramref name="items"/> are in the item master.</summary>
    Task<IReadOnlySet<string>> ExistingItemsAsync(IReadOnlyCollection<string> items, CancellationToken cancellationToken);

    /// <summary>Whether a period is closed: true, false, or null when P21's calendar has no such period.</summary>
    Task<bool?> IsPeriodClosedAsync(int yearForPeriod, int period, CancellationToken cancellationToken);
}

/// <summary>P21 could not be asked (down, refused the credentials, answered nonsense): the message says which and why.</summary>
public sealed class P21UnreachableException(string message, Exception? inner = null) : Exception(message, inner);
