using Payments.Domain.Reconciliation;

namespace Payments.Domain.Tests.Reconciliation;

/// <summary>A chart of accounts as an installation would configure it: one account per group, each fee kind its own.</summary>
static class GlAccounts
{
    public const string Sales = "40100000";
    public const string SalesEur = "40100100";
    public const string Refunds = "40200000";
    public const string Disputes = "40300000";
    public const string StripeFees = "60100000";
    public const string ApplicationFees = "60110000";
    public const string FeeTax = "60120000";
    public const string FxFees = "60130000";
    public const string Adjustments = "69000000";
    public const string Transfers = "19900000";
    public const string Other = "19990000";
    public const string BankClearing = "10100000";

    public static readonly AccountRule[] Rules =
    [
        new() { Category = "charge", Account = Sales },
        new() { Category = "charge", Currency = "EUR", Account = SalesEur },
        new() { Category = "refund", Account = Refunds },
        new() { Category = "refund_failure", Account = Refunds },
        new() { Category = "dispute_withdrawal", Account = Disputes },
        new() { Category = "dispute_reinstatement", Account = Disputes },
        new() { Category = "fee", Account = StripeFees },
        new() { Category = "fee", Type = "application_fee", Account = ApplicationFees },
        new() { Category = "fee", Type = "tax", Account = FeeTax },
        new() { Category = "fee", Type = "stripe_fx_fee", Account = FxFees },
        new() { Category = "adjustment", Account = Adjustments },
        new() { Category = "transfer", Account = Transfers },
        new() { Category = "other", Account = Other },
        new() { Category = "payout", Account = BankClearing },
    ];

    public static AccountRules Chart => AccountRules.From(Rules);
}
