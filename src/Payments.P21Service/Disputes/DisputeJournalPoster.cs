using Microsoft.Extensions.Options;
using Payments.Contracts.StripeDispute;
using Payments.Domain.P21;
using Payments.P21Service.Journals;
using Payments.ServiceDefaults.Failures;

namespace Payments.P21Service.Disputes;

/// <summary>
/// One journal entry per balance transaction of a dispute, at most once (the balance transaction id is the entry's reference, looked up
/// first). The amounts are the balance transaction's, signed as Stripe signs them, in the currency's minor units (JPY has none, KWD three):
/// a withdrawal (amount negative, fee positive) debits <see cref="DisputeOptions.DisputedFundsAccount"/> with the amount and
/// <see cref="DisputeOptions.FeeAccount"/> with the fee and credits the clearing account with both; a reinstatement (amount positive, a
/// returned fee negative) books the opposite. The entry balances by construction: clearing = amount − fee, disputed funds = −amount, fee = fee.
/// </summary>
public sealed class DisputeJournalPoster(LedgerEntries ledger, IOptions<DisputeOptions> options, IOptions<JournalOptions> journals, ILogger<DisputeJournalPoster> logger)
{
    public const string Withdrawal = "Withdrawal";
    public const string Reinstatement = "Reinstatement";

    public static string Reference(string balanceTransactionId) => $"dispute:{balanceTransactionId}";

    public async Task<DisputeJournalPosted> PostAsync(PostDisputeJournal command, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(command.BalanceTransactionId)) throw new PermanentFailureException($"Dispute {command.DisputeId}: the balance transaction has no id.");
        if (command.Kind is not (Withdrawal or Reinstatement))
            throw new PermanentFailureException($"Dispute {command.DisputeId}: unknown kind '{command.Kind}' of balance transaction {command.BalanceTransactionId} ({Withdrawal} or {Reinstatement}).");
        if ((command.Kind == Withdrawal && command.AmountMinor > 0) || (command.Kind == Reinstatement && command.AmountMinor < 0))
            throw new PermanentFailureException(
                $"Dispute {command.DisputeId}: balance transaction {command.BalanceTransactionId} is a {command.Kind} of {command.AmountMinor}; a withdrawal is negative, a reinstatement positive.");

        var what = $"Dispute {command.DisputeId} balance transaction {command.BalanceTransactionId}";
        var amount = ledger.Amount(command.AmountMinor, command.Currency, what);
        var fee = ledger.Amount(command.FeeMinor, command.Currency, what);
        var settings = options.Value;
        var clearing = string.IsNullOrWhiteSpace(settings.ClearingAccount) ? journals.Value.DebitAccount : settings.ClearingAccount.Trim();
        var lines = new[]
            {
                new GlJournalLine(settings.DisputedFundsAccount.Trim(), -amount),
                new GlJournalLine(settings.FeeAccount.Trim(), fee),
                new GlJournalLine(clearing, amount - fee),
            }
            .GroupBy(l => l.AccountNumber, StringComparer.OrdinalIgnoreCase)
            .Select(g => new GlJournalLine(g.Key, g.Sum(l => l.Amount)))
            .Where(l => l.Amount != 0m)
            .ToList();
        if (lines.Count == 0)
            throw new PermanentFailureException($"{what} moves no money ({command.AmountMinor} and fee {command.FeeMinor}); nothing to book.");

        var order = command.P21OrderNo is { Length: > 0 } p21Order ? $"P21 order {p21Order}"
            : command.ZnodeOrderNumber is { Length: > 0 } znodeOrder ? $"Znode order {znodeOrder}" : "no ERP order";
        var (number, existed) = await ledger.PostAsync(lines, Reference(command.BalanceTransactionId),
            $"Stripe dispute {command.DisputeId} {command.Kind.ToLowerInvariant()} on charge {command.ChargeId} ({order})", command.OccurredAt,
            $"the {command.Kind.ToLowerInvariant()} journal of dispute {command.DisputeId} ({command.BalanceTransactionId})", cancellationToken);
        if (!existed)
            logger.LogInformation("Posted P21 journal {TransactionNumber} for dispute {DisputeId} {Kind} {BalanceTransactionId}: amount {Amount}, fee {Fee} {Currency}",
                number, command.DisputeId, command.Kind, command.BalanceTransactionId, amount, fee, command.Currency);
        return new DisputeJournalPosted
        {
            CorrelationId = command.CorrelationId, DisputeId = command.DisputeId, BalanceTransactionId = command.BalanceTransactionId, Kind = command.Kind,
            JournalReference = number,
        };
    }
}
