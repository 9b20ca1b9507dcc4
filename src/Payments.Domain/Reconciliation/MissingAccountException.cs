namespace Payments.Domain.Reconciliation;

/// <summary>No account rule matches what a payout's journal needs: names every such key, so one configuration change fixes all.</summary>
public sealed class MissingAccountException(IReadOnlyList<AccountKey> keys) : Exception(Describe(keys))
{
    public IReadOnlyList<AccountKey> Keys { get; } = keys;

    static string Describe(IReadOnlyList<AccountKey> keys) =>
        "No GL account for " + string.Join("; ", keys.Select(k => k.ToString())) +
        ": add an account rule for each, or a broader rule that covers them.";
}
