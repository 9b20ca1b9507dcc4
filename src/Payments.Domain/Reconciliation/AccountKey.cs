namespace Payments.Domain.Reconciliation;

/// <summary>
/// What needs a GL account: a category, a type (the balance transaction's <c>type</c>, or for fees the fee's kind) and a
/// currency (the one the customer paid in; for fees and the bank, the settlement currency).
/// </summary>
public readonly record struct AccountKey(TransactionCategory Category, string Type, string Currency)
{
    public override string ToString() => $"{Category.Name()} '{Type}' in {Currency.ToUpperInvariant()}";
}
