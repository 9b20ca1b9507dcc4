using System.Text.Json;
using Microsoft.Extensions.Options;
using Payments.Contracts.PayoutReconciliation;
using Payments.Domain.Reconciliation;
using Payments.ServiceDefaults.Failures;
using Payments.StripeService.Client;
using Payments.StripeService.Data;
using Payments.StripeService.PaymentIntents;
using Stripe;
using DomainTransaction = Payments.Domain.Reconciliation.BalanceTransaction;
using StripeTransaction = Stripe.BalanceTransaction;

namespace Payments.StripeService.PayoutReconciliation;

/// <summary>
/// Reads a payout's balance transactions from Stripe (<c>GET /v1/balance_transactions?payout=</c>, <c>Stripe:Payouts:PageSize</c> a
/// page, Stripe's <c>starting_after</c> cursor, sources expanded) one page at a time: each transaction is tied to its charge and to the
/// order in the charge's metadata, folded into the domain's <see cref="PayoutAccumulator"/>, and the page is kept (rows, cursor,
/// totals) before the next is read (<see cref="PayoutListingStore"/>). Only one page is ever in memory, and the totals are a handful
/// of numbers per category, fee kind and currency, so a payout of 10,000 transactions costs what one of 100 does, page for page.
/// </summary>
/// <remarks>
/// A command of the run the listing is at resumes from its stored cursor (a redelivery after a crash adds no page twice); a higher run
/// starts over, its rows overwriting the earlier run's (a re-run after a missing order landed reads the metadata afresh); a lower run
/// is stale and lists nothing. A listing already complete answers from what it stored, without calling Stripe. A manual payout is not
/// listed: Stripe cannot say what it paid out, and the accumulator flags it.
/// </remarks>
public sealed class PayoutTransactions(
    StripeClient stripe,
    PayoutListingStore store,
    IOptions<PayoutOptions> options,
    IOptions<PaymentIntentOptions> paymentIntents,
    TimeProvider time,
    ILogger<PayoutTransactions> logger)
{
    /// <summary>
    /// Lists the payout of <paramref name="command"/> to the end (or <paramref name="maxPages"/> more pages at most), or null when a
    /// later run has taken the payout's listing over.
    /// </summary>
    public async Task<PayoutListingResult?> ListAsync(ListPayoutTransactions command, int? maxPages = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var payoutId = command.PayoutId;
        var payout = new StripePayout(payoutId, command.AmountMinor, command.Currency, DateOnly.FromDateTime(command.ArrivalDate.UtcDateTime), command.Automatic);
        var listing = await store.FindAsync(payoutId, cancellationToken);
        if (listing is not null && listing.Run > command.Run)
        {
            logger.LogInformation("Payout {PayoutId}: run {Run} is stale, the listing is at run {CurrentRun}; nothing listed", payoutId, command.Run, listing.Run);
            return null;
        }

        PayoutAccumulator accumulator;
        int pages;
        if (listing is not null && listing.Run == command.Run)
        {
            accumulator = PayoutAccumulator.Resume(payout, ReadState(listing.State));
            pages = listing.Pages;
            if (listing.Complete)
                return Result(accumulator, pages, new DateTimeOffset(listing.UpdatedAt, TimeSpan.Zero), complete: true);
            if (pages > 0)
                logger.LogInformation("Payout {PayoutId}: run {Run} resumes after page {Pages} (transaction {Cursor})", payoutId, command.Run, pages, listing.Cursor);
        }
        else
        {
            accumulator = new PayoutAccumulator(payout);
            pages = 0;
            await store.StartAsync(payoutId, command.Run, WriteState(accumulator), Now.UtcDateTime, cancellationToken);
        }

        if (!command.Automatic)
        {
            // Stripe refuses the payout filter for a manual payout: nothing can be listed, and the accumulator's ManualPayout flag says so.
            var at = Now;
            await store.SavePageAsync(payoutId, command.Run, pages, pages, [], null, WriteState(accumulator), true, at.UtcDateTime, cancellationToken);
            return Result(accumulator, pages, at, complete: true);
        }

        var orders = new ChargeOrders(stripe, paymentIntents.Value.OrderNumberMetadataKey);
        var read = 0;
        while (true)
        {
            var cursor = accumulator.LastTransactionId;
            var page = await StripeCalls.RunAsync($"Listing page {pages + 1} of payout {payoutId}'s balance transactions",
                () => stripe.V1.BalanceTransactions.ListAsync(new BalanceTransactionListOptions
                {
                    Payout = payoutId, Limit = options.Value.PageSize, StartingAfter = cursor, Expand = ["data.source"],
                }, cancellationToken: cancellationToken), cancellationToken);
            var (transactions, lines, chargesWithOrder) = await MapAsync(page.Data, command, orders, cancellationToken);
            try
            {
                accumulator.AddPage(transactions, chargesWithOrder);
            }
            catch (ArgumentException e)
            {
                // Figures that contradict each other (a net that is not amount − fee, a transaction in another currency) are not reconciled.
                throw new PermanentFailureException($"Payout {payoutId}: {e.Message}", "Stripe", e);
            }
            if (page.HasMore && page.Data.Count == 0)
                throw new PermanentFailureException($"Payout {payoutId}: Stripe answered page {pages + 1} with no transactions but more to come.", "Stripe");

            var at = Now;
            await store.SavePageAsync(payoutId, command.Run, pages, pages + 1, lines, accumulator.LastTransactionId, WriteState(accumulator), !page.HasMore,
                at.UtcDateTime, cancellationToken);
            pages++;
            read++;
            logger.LogDebug("Payout {PayoutId}: page {Page} kept ({Transactions} transactions, {Count} so far)", payoutId, pages, lines.Count, accumulator.Count);
            if (!page.HasMore)
            {
                logger.LogInformation("Payout {PayoutId}: run {Run} listed {Count} balance transactions in {Pages} pages ({ChargeReads} charges read for their order)",
                    payoutId, command.Run, accumulator.Count, pages, orders.Reads);
                return Result(accumulator, pages, at, complete: true);
            }
            if (read >= maxPages) return Result(accumulator, pages, at, complete: false);
        }
    }

    DateTimeOffset Now => time.GetUtcNow();

    static PayoutListingResult Result(PayoutAccumulator accumulator, int pages, DateTimeOffset at, bool complete) =>
        new(accumulator.Snapshot(), accumulator.Flags, pages, at, complete);

    static string WriteState(PayoutAccumulator accumulator) => JsonSerializer.Serialize(accumulator.Snapshot());

    static PayoutAccumulatorState ReadState(string json) =>
        JsonSerializer.Deserialize<PayoutAccumulatorState>(json) ?? throw new InvalidOperationException("A payout listing's stored state is empty.");

    /// <summary>One page as the domain reads it, as the rows keep it, and the charges in it that have an order.</summary>
    static async Task<(List<DomainTransaction> Transactions, List<PayoutTransactionLine> Lines, HashSet<string> ChargesWithOrder)> MapAsync(
        IReadOnlyList<StripeTransaction> page, ListPayoutTransactions command, ChargeOrders orders, CancellationToken cancellationToken)
    {
        var transactions = new List<DomainTransaction>(page.Count);
        var lines = new List<PayoutTransactionLine>(page.Count);
        var chargesWithOrder = new HashSet<string>(StringComparer.Ordinal);
        foreach (var listed in page)
        {
            var source = SourceOf(listed);
            var transaction = new DomainTransaction(listed.Id, listed.Type ?? "", listed.ReportingCategory ?? "", listed.Amount, listed.Fee, listed.Net,
                listed.Currency ?? "", [.. (listed.FeeDetails ?? []).Select(f => new FeeDetail(f.Type ?? "", f.Amount, f.Currency ?? "", f.Description))],
                source, listed.ExchangeRate);
            ClassifiedTransaction classified;
            try
            {
                classified = BalanceTransactionClassifier.Classify(transaction);
            }
            catch (ArgumentException e)
            {
                throw new PermanentFailureException($"Payout {command.PayoutId}: {e.Message}", "Stripe", e);
            }

            var order = classified.ChargeId switch
            {
                null => null,
                var chargeId when listed.Source is Charge charge && charge.Id == chargeId => orders.Of(charge),
                var chargeId => await orders.OfAsync(chargeId, cancellationToken),
            };
            if (order is { Known: true }) chargesWithOrder.Add(classified.ChargeId!);
            transactions.Add(transaction);
            lines.Add(new PayoutTransactionLine
            {
                PayoutId = command.PayoutId,
                BalanceTransactionId = listed.Id,
                Run = command.Run,
                Type = Clip(listed.Type ?? "", 64),
                ReportingCategory = Clip(listed.ReportingCategory ?? "", 64),
                Category = classified.Category.Name(),
                AmountMinor = listed.Amount,
                FeeMinor = listed.Fee,
                NetMinor = listed.Net,
                Currency = (listed.Currency ?? "").ToUpperInvariant(),
                Fees = Clip(string.Join(";", classified.Fees.Select(f => $"{f.Kind}={f.AmountMinor}")), 1000),
                SourceId = listed.SourceId,
                ChargeId = classified.ChargeId,
                P21OrderNo = order?.P21OrderNo,
                ZnodeOrderNumber = order?.ZnodeOrderNumber,
                OriginalCurrency = source?.Currency,
                OriginalAmountMinor = source?.AmountMinor is { } original ? Math.Sign(listed.Amount) * Math.Abs(original) : null,
                ExchangeRate = listed.ExchangeRate,
                Created = DateTime.SpecifyKind(listed.Created, DateTimeKind.Utc),
                Description = listed.Description is null ? null : Clip(listed.Description, 1000),
            });
        }
        return (transactions, lines, chargesWithOrder);
    }

    /// <summary>
    /// What the expanded source tells: its id, the charge it belongs to, and — only when the transaction was converted
    /// (<c>exchange_rate</c> set) from another currency — the currency and amount the customer paid in (the source's own).
    /// </summary>
    static BalanceTransactionSource? SourceOf(StripeTransaction listed)
    {
        (string? Currency, long? Amount) Original(string? currency, long amount) =>
            listed.ExchangeRate is not null && currency is not null && !string.Equals(currency, listed.Currency, StringComparison.OrdinalIgnoreCase)
                ? (currency.ToUpperInvariant(), amount)
                : (null, null);

        switch (listed.Source)
        {
            case Charge charge:
                {
                    var (currency, amount) = Original(charge.Currency, charge.Amount);
                    return new BalanceTransactionSource(charge.Id, ChargeId: charge.Id, Currency: currency, AmountMinor: amount);
                }
            case Refund refund:
                {
                    var (currency, amount) = Original(refund.Currency, refund.Amount);
                    return new BalanceTransactionSource(refund.Id, ChargeId: StripeValues.NonEmpty(refund.ChargeId), RefundId: refund.Id, Currency: currency, AmountMinor: amount);
                }
            case Dispute dispute:
                {
                    var (currency, amount) = Original(dispute.Currency, dispute.Amount);
                    return new BalanceTransactionSource(dispute.Id, ChargeId: StripeValues.NonEmpty(dispute.ChargeId), DisputeId: dispute.Id, Currency: currency, AmountMinor: amount);
                }
            default:
                return StripeValues.NonEmpty(listed.SourceId) is { } id ? new BalanceTransactionSource(id) : null;
        }
    }

    static string Clip(string text, int length) => text.Length <= length ? text : text[..length];
}
