using System.Globalization;
using Microsoft.Extensions.Options;
using Payments.Contracts.PayoutReconciliation;
using Payments.Domain.Money;
using Payments.Domain.P21;
using Payments.Domain.Reconciliation;
using Payments.P21Service.Client;
using Payments.P21Service.PayoutReconciliation;
using Payments.ServiceDefaults.Failures;

namespace Payments.P21Service.Journals;

/// <summary>
/// A Stripe payout's one GL journal in P21 (docs/external-apis/p21.md#gl-journal): the totals the Stripe service listed are resumed into the
/// domain's <see cref="PayoutAccumulator"/> and composed by <see cref="PayoutJournalComposer"/> with the <c>P21:Payouts:Accounts</c> rules
/// (gross by category, each fee kind, the net to the bank clearing account), dated the arrival date in the ERP's zone and posted in its
/// period through <see cref="LedgerEntries"/>, at most once (reference <c>payout:{id}</c>, looked up first). A journal that is flagged (the
/// nets do not make the payout) or finds no account is refused for good: never balanced with a plug line. A failed payout's journal is
/// reversed by its opposite, at most once (reference <c>payout-reversal:{id}</c>).
/// </summary>
public sealed class PayoutJournals(
    LedgerEntries ledger, IOptions<PayoutOptions> options, IOptions<JournalOptions> journals, IOptions<P21Options> p21, ILogger<PayoutJournals> logger)
{
    public static string Reference(string payoutId) => $"payout:{payoutId}";

    public static string ReversalReference(string payoutId) => $"payout-reversal:{payoutId}";

    public async Task<PayoutJournalPosted> PostAsync(PostPayoutJournal command, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(command.PayoutId)) throw new PermanentFailureException("The payout to post has no id.");
        ledger.EnsureLedgerCurrency(command.Currency, $"Payout {command.PayoutId}");
        var journal = Compose(command); // a flag, a missing account or unreadable totals fail here, before P21 is touched
        var what = $"the journal of payout {command.PayoutId}";

        var (number, existed) = await ledger.PostAsync(journal.Lines.Select(InLedger).ToList(), Reference(command.PayoutId),
            $"Stripe payout {command.PayoutId}", command.ArrivalDate, what, cancellationToken);
        if (existed)
            await EnsureSameLinesAsync(number, journal, cancellationToken);
        else
            logger.LogInformation("Posted P21 journal {TransactionNumber} for payout {PayoutId}: {Lines} lines, net {Net} {Currency} in period {Period}",
                number, command.PayoutId, journal.Lines.Count, journal.Net, journal.Currency, PeriodText(journal.Period));

        return new PayoutJournalPosted
        {
            CorrelationId = command.CorrelationId,
            PayoutId = command.PayoutId,
            JournalNumber = number,
            AlreadyExisted = existed,
            Period = PeriodText(journal.Period),
            Lines = journal.Lines.Select(l => new PayoutJournalLine
            {
                Account = l.AccountNumber, Amount = l.Amount, Description = l.Description, ForeignAmount = l.ForeignAmount, ForeignCurrency = l.ForeignCurrency,
            }).ToList(),
            Conversions = journal.Conversions.Select(c => new PayoutCurrencyConversion
            {
                OriginalCurrency = c.OriginalCurrency, OriginalAmount = c.OriginalAmount, SettlementAmount = c.SettlementAmount, EffectiveRate = c.EffectiveRate,
                MinRate = c.MinRate, MaxRate = c.MaxRate, Count = c.Count,
            }).ToList(),
            Fingerprint = journal.Fingerprint,
        };
    }

    public async Task<PayoutJournalReversed> ReverseAsync(ReversePayoutJournal command, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(command.PayoutId)) throw new PermanentFailureException("The payout to reverse has no id.");
        ledger.EnsureLedgerCurrency(command.Currency, $"Payout {command.PayoutId}");
        var original = await ledger.LinesAsync(command.JournalNumber, cancellationToken);
        if (original.Count == 0)
            throw new PermanentFailureException($"Payout {command.PayoutId}: P21 journal {command.JournalNumber} does not exist, so there is nothing to reverse.", "P21");
        var opposite = original.Select(l => new GlJournalLine(l.AccountNumber, -l.Amount)).ToList();
        var failure = command.FailureCode is { Length: > 0 } code ? $" ({code})" : "";
        var (number, existed) = await ledger.PostAsync(opposite, ReversalReference(command.PayoutId),
            $"Reversal of {command.JournalNumber}: Stripe payout {command.PayoutId} failed{failure}", command.FailedAt,
            $"the reversal of payout {command.PayoutId}'s journal {command.JournalNumber}", cancellationToken);
        if (!existed)
            logger.LogInformation("Reversed P21 journal {TransactionNumber} of payout {PayoutId} with {Reversal}: the payout failed{Failure}",
                command.JournalNumber, command.PayoutId, number, failure);
        return new PayoutJournalReversed
        {
            CorrelationId = command.CorrelationId, PayoutId = command.PayoutId, ReversalJournalNumber = number, AlreadyExisted = existed,
        };
    }

    /// <summary>The journal of the command's totals, or a permanent failure in words a controller can act on.</summary>
    PayoutJournal Compose(PostPayoutJournal command)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(p21.Value.ErpTimeZone);
        // The arrival date picks the period as the ERP sees the day: LedgerEntries dates the entry from the same instant in the same zone.
        var arrival = P21Formats.ErpDate(command.ArrivalDate, zone);
        PayoutJournal journal;
        try
        {
            var payout = new StripePayout(command.PayoutId, command.AmountMinor, command.Currency, arrival, Automatic: true);
            var accumulator = PayoutAccumulator.Resume(payout, command.Totals.ToAccumulatorState());
            journal = PayoutJournalComposer.Compose(accumulator, AccountRules.From(options.Value.Accounts), journals.Value.FiscalYearStartMonth);
        }
        catch (MissingAccountException e)
        {
            throw new PermanentFailureException($"Payout {command.PayoutId} is not posted: {e.Message} ({PayoutOptions.Section}:Accounts)", null, e);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or OverflowException)
        {
            throw new PermanentFailureException($"Payout {command.PayoutId} is not posted: its totals cannot make a journal: {e.Message}", null, e);
        }
        if (!journal.CanPost)
        {
            var reasons = journal.Flags.Count > 0 ? string.Join(" ", journal.Flags.Select(f => f.Reason)) : "its lines do not balance.";
            throw new PermanentFailureException($"Payout {command.PayoutId} is not posted: {reasons}");
        }
        return journal;
    }

    /// <summary>
    /// P21's GL has one amount column per currency id and the REST body no currency (docs/external-apis/p21.md#gl-journal): a line keeps the
    /// settlement amount in both, and a converted line says what it settled in its text.
    /// </summary>
    static GlJournalLine InLedger(GlJournalLine line) => line.ForeignAmount is { } original && line.ForeignCurrency is { } currency
        ? new GlJournalLine(line.AccountNumber, line.Amount,
            $"{line.Description} ({currency} {original.ToString("F" + CurrencyExponent.For(currency).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)})")
        : new GlJournalLine(line.AccountNumber, line.Amount, line.Description);

    /// <summary>
    /// A replay finds the journal by its reference; it must be the journal these totals make. One that differs (totals or account rules changed
    /// since) is reported, not posted again and not answered as if it were this one: a person compares the two.
    /// </summary>
    async Task EnsureSameLinesAsync(string number, PayoutJournal journal, CancellationToken cancellationToken)
    {
        var held = await ledger.LinesAsync(number, cancellationToken);
        if (Key(held).SequenceEqual(Key(journal.Lines))) return;
        throw new PermanentFailureException(
            $"P21 journal {number} already carries payout {journal.PayoutId}'s reference ({Reference(journal.PayoutId)}), but its lines ({Describe(held)}) differ from " +
            $"the journal its totals and {PayoutOptions.Section}:Accounts make now ({Describe(journal.Lines)}). Nothing was posted; compare them in P21.", "P21");

        static IEnumerable<(string, decimal)> Key(IEnumerable<GlJournalLine> lines) =>
            lines.Select(l => (l.AccountNumber.Trim().ToUpperInvariant(), l.Amount)).Order();

        static string Describe(IEnumerable<GlJournalLine> lines) =>
            string.Join(", ", lines.Select(l => $"{l.AccountNumber} {l.Amount.ToString("0.####", CultureInfo.InvariantCulture)}"));
    }

    static string PeriodText(GlPeriod period) => $"{period.YearForPeriod:0000}-{period.Period:00}";
}
