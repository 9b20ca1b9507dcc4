using Microsoft.Extensions.Options;
using Payments.Domain.Reconciliation;

namespace Payments.P21Service.Journals;

/// <summary>
/// The <c>P21:Payouts</c> section: which GL account each part of a Stripe payout's journal goes to. The journal, reference column, ledger
/// currency and fiscal year's first month are <c>P21:Journals</c>'.
/// </summary>
public sealed class PayoutOptions
{
    public const string Section = "P21:Payouts";

    /// <summary>
    /// The account rules (<c>Accounts:0:Account</c>, <c>Accounts:0:Category</c>, <c>Type</c>, <c>Currency</c>; a condition left out matches
    /// anything, the most specific rule wins): gross by category (<c>charge</c>, <c>refund</c>, <c>dispute_withdrawal</c>, …), each fee kind
    /// (<c>Category: fee</c>, <c>Type: stripe_fee</c>), the bank clearing account (<c>Category: payout</c>).
    /// </summary>
    public List<AccountRule> Accounts { get; set; } = [];
}

/// <summary>
/// The rules must be sound (<see cref="AccountRules.Validate"/>) and give an account for what almost every payout holds, in the ledger's
/// currency (<see cref="RequiredKeys"/>), so a missing rule stops the service at start-up rather than the first payout in P21.
/// </summary>
public sealed class PayoutOptionsValidator(IConfiguration configuration) : IValidateOptions<PayoutOptions>
{
    /// <summary>Sales, refunds, both sides of a dispute, Stripe's processing fee and the bank clearing account.</summary>
    public static IReadOnlyList<AccountKey> RequiredKeys(string ledgerCurrency)
    {
        var currency = ledgerCurrency.Trim().ToUpperInvariant();
        return
        [
            new(TransactionCategory.Charge, "charge", currency),
            new(TransactionCategory.Refund, "refund", currency),
            // Stripe books a dispute's withdrawal and its reinstatement as type adjustment (docs/external-apis/stripe.md#reporting-categories-and-fee-types).
            new(TransactionCategory.DisputeWithdrawal, "adjustment", currency),
            new(TransactionCategory.DisputeReinstatement, "adjustment", currency),
            new(TransactionCategory.Fee, BalanceTransactionClassifier.DefaultFeeKind, currency),
            new(TransactionCategory.Fee, BalanceTransactionClassifier.DisputeFeeKind, currency),
            PayoutJournalComposer.BankKey(currency),
        ];
    }

    public ValidateOptionsResult Validate(string? name, PayoutOptions options)
    {
        if (options.Accounts.Count == 0)
            return ValidateOptionsResult.Fail(
                $"{PayoutOptions.Section}:Accounts is required: account rules (Account, with Category, Type, Currency) giving at least sales (charge), refund, " +
                "dispute_withdrawal, dispute_reinstatement, Stripe's fee (fee stripe_fee) and the bank clearing account (payout) an account.");
        var currency = configuration[$"{JournalOptions.Section}:{nameof(JournalOptions.LedgerCurrency)}"] is { Length: > 0 } configured
            ? configured
            : new JournalOptions().LedgerCurrency;
        var problems = AccountRules.Validate(options.Accounts, RequiredKeys(currency));
        return problems.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(problems.Select(p => $"{PayoutOptions.Section}:Accounts: {p}"));
    }
}
