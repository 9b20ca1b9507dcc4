using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using Payments.Contracts.StripeRefund;
using Payments.Domain.P21;
using Payments.P21Service.Client;
using Payments.P21Service.Client.Transactions;
using Payments.P21Service.Journals;
using Payments.P21Service.SalesOrders;
using Payments.ServiceDefaults.Failures;
using Polly.Timeout;

namespace Payments.P21Service.Returns;

/// <summary>
/// The return document of one Stripe refund, for the refund's own amount, at most once:
/// <list type="bullet">
/// <item>a charge with a P21 sales order gets an RMA (<see cref="RmaSet"/>) against that order's customer and ship-to, whose lines are the
/// original order's (a full refund, <see cref="FullRefundLines.OriginalLines"/>) or one <see cref="ReturnOptions.RefundItemId"/> line priced at
/// the refund's amount; the refund id is kept in the RMA's <c>po_no</c> and looked up before anything is created. With
/// <see cref="ReturnDocument.Journal"/> it gets a journal instead;</item>
/// <item>a Znode-origin charge (its sale is the Znode order's journal, no sales order) gets a journal reversing the refund's amount, once
/// the Znode order's own journal is in P21: until then a <see cref="TransientFailureException"/> brings the command back later.</item>
/// </list>
/// A refund that fails later is reversed with <see cref="ReverseAsync"/>: the RMA cancelled, or the opposite journal posted.
/// </summary>
public sealed class RefundReturnPoster(
    IP21Api api, P21Transactions transactions, LedgerEntries ledger, AbandonedTransactions abandoned, IOptions<ReturnOptions> options,
    IOptions<SalesOrderOptions> salesOrders, IOptions<JournalOptions> journals, IOptions<P21Options> p21, TimeProvider time, ILogger<RefundReturnPoster> logger)
{
    public const string RmaKind = "rma";
    public const string JournalKind = "journal";

    static readonly ActivitySource Activity = new(Payments.ServiceDefaults.HostDefaults.TelemetryName);

    public async Task<P21RefundReturnPosted> PostAsync(PostP21RefundReturn command, CancellationToken cancellationToken)
    {
        using var activity = Activity.StartActivity("P21 post refund return");
        activity?.SetTag("stripe.refund_id", command.RefundId);
        if (string.IsNullOrWhiteSpace(command.RefundId)) throw new PermanentFailureException("The refund has no id.");
        if (command.AmountMinor <= 0) throw new PermanentFailureException($"Refund {command.RefundId} has a non-positive amount ({command.AmountMinor}).");
        if (command.RefundId.Length > RmaSet.ReferenceLength)
            throw new PermanentFailureException($"Refund id {command.RefundId} is longer than P21's oe_hdr.po_no ({RmaSet.ReferenceLength}); it cannot be kept on the RMA.");

        if (!string.IsNullOrWhiteSpace(command.P21OrderNo))
            return options.Value.Document == ReturnDocument.Rma
                ? await PostRmaAsync(command, command.P21OrderNo.Trim(), cancellationToken)
                : await PostJournalAsync(command, $"the refund journal of Stripe refund {command.RefundId} (P21 order {command.P21OrderNo})", cancellationToken);
        if (!string.IsNullOrWhiteSpace(command.ZnodeOrderNumber))
        {
            // The sale is the Znode order's journal (znode-order-to-cash): reversing money P21 has not booked yet would leave the ledger short.
            var sale = JournalReference.ForZnodeOrder(command.ZnodeOrderNumber, "");
            if (await ledger.FindStartingWithAsync(sale, cancellationToken) is null)
                throw new TransientFailureException(
                    $"Znode order {command.ZnodeOrderNumber}'s journal is not in P21 yet; refund {command.RefundId} is booked once it is.", TimeSpan.FromMinutes(1));
            return await PostJournalAsync(command, $"the refund journal of Stripe refund {command.RefundId} (Znode order {command.ZnodeOrderNumber})", cancellationToken);
        }
        throw new PermanentFailureException($"Refund {command.RefundId} names neither a P21 order nor a Znode order: there is no sale in P21 to return.");
    }

    public async Task<P21RefundReturnReversed> ReverseAsync(ReverseP21RefundReturn command, CancellationToken cancellationToken)
    {
        using var activity = Activity.StartActivity("P21 reverse refund return");
        activity?.SetTag("stripe.refund_id", command.RefundId);
        return command.DocumentKind switch
        {
            RmaKind => await CancelRmaAsync(command, cancellationToken),
            JournalKind => await ReverseJournalAsync(command, cancellationToken),
            _ => throw new PermanentFailureException($"Refund {command.RefundId}: unknown return document kind '{command.DocumentKind}' (rma or journal)."),
        };
    }

    async Task<P21RefundReturnPosted> PostRmaAsync(PostP21RefundReturn command, string orderNo, CancellationToken cancellationToken)
    {
        if (await FindRmaAsync(command.RefundId, cancellationToken) is { } existing)
        {
            abandoned.Forget(Key(command.RefundId));
            logger.LogInformation("Refund {RefundId} already has P21 RMA {RmaNo}; not posting again", command.RefundId, existing);
            return Posted(command, RmaKind, existing);
        }
        if (abandoned.MayStillRun(Key(command.RefundId)) is { } stillRunning)
            throw new TransientFailureException(
                $"The RMA of refund {command.RefundId} was sent to P21 before and may still be created there; not posting it again for {stillRunning.TotalSeconds:0} s.", stillRunning);

        var order = (await P21Failures.CallAsync($"the order look-up for refund {command.RefundId}",
                () => api.QueryOrderHeadersAsync($"order_no eq {P21Formats.ODataString(orderNo)}", "order_no,customer_id,ship_to_id,rma_flag", 1, cancellationToken),
                time, cancellationToken)).Value.FirstOrDefault()
            ?? throw new PermanentFailureException($"Refund {command.RefundId}: P21 order {orderNo} does not exist.", "P21");
        var amount = Amount(command);
        var refundLine = new SalesOrderLine(P21Formats.ItemId(options.Value.RefundItemId), 1, amount);
        var lines = command.Scope == "Full" && options.Value.FullRefund == FullRefundLines.OriginalLines
            ? await OriginalLinesAsync(command, orderNo, amount, cancellationToken) ?? [refundLine]
            : [refundLine];

        var set = RmaSet.For(command.RefundId, (long)order.CustomerId, order.ShipToId is { } ship ? (long)ship : null, lines,
            options.Value, salesOrders.Value);
        TransactionResponse response;
        try
        {
            response = await transactions.PostAsync(set, $"the RMA of refund {command.RefundId}", cancellationToken);
        }
        catch (TransientFailureException e) when (e.InnerException is TimeoutRejectedException or TimeoutException or OperationCanceledException)
        {
            // P21 may still be creating it: the retry looks it up by the refund id after one more request time-out, and does not post before.
            var wait = p21.Value.RequestTimeout;
            abandoned.Remember(Key(command.RefundId), time.GetUtcNow() + wait);
            throw new TransientFailureException($"{e.Message} P21 may still be creating it; the retry looks it up by refund id after {wait.TotalSeconds:0} s.",
                e.RetryAfter > wait ? e.RetryAfter : wait, e);
        }
        abandoned.Forget(Key(command.RefundId));
        var rmaNo = response.ResultValue(RmaSet.Header, "order_no")
            ?? await FindRmaAsync(command.RefundId, cancellationToken)
            ?? throw new TransientFailureException($"P21 returned no RMA number for refund {command.RefundId} ({P21Transactions.Messages(response)}); the retry looks it up by refund id.");
        logger.LogInformation("Posted P21 RMA {RmaNo} for refund {RefundId} of order {OrderNo}: {Lines} line(s), {Scope}, {Amount} {Currency}",
            rmaNo, command.RefundId, orderNo, lines.Count, command.Scope, amount, command.Currency);
        System.Diagnostics.Activity.Current?.SetTag("p21.rma_no", rmaNo);
        return Posted(command, RmaKind, rmaNo);
    }

    /// <summary>
    /// The original order's lines as P21 keeps them (oe_line holds inv_mast_uid: the item ids are read from inv_mast); null when the refund's
    /// own amount is less than they are worth: the refund only empties the charge after earlier partial refunds, which had their own RMAs, so
    /// returning every line again would return goods twice.
    /// </summary>
    async Task<List<SalesOrderLine>?> OriginalLinesAsync(PostP21RefundReturn command, string orderNo, decimal amount, CancellationToken cancellationToken)
    {
        var rows = (await P21Failures.CallAsync($"the lines of P21 order {orderNo}",
            () => api.QueryOrderLinesAsync($"order_no eq {P21Formats.ODataString(orderNo)}", "order_no,line_no,inv_mast_uid,unit_quantity,unit_price", null, cancellationToken),
            time, cancellationToken)).Value.Where(r => r.UnitQuantity > 0).OrderBy(r => r.LineNo).ToList();
        if (rows.Count == 0)
            throw new PermanentFailureException($"Refund {command.RefundId}: P21 order {orderNo} has no lines to return (P21:Returns:FullRefund=RefundItem returns the amount instead).", "P21");
        var items = new Dictionary<int, string>();
        foreach (var uid in rows.Select(r => r.InvMastUid).Distinct())
        {
            var item = (await P21Failures.CallAsync($"item {uid} of P21 order {orderNo}",
                () => api.QueryItemsAsync($"inv_mast_uid eq {uid.ToString(CultureInfo.InvariantCulture)}", "inv_mast_uid,item_id", 1, cancellationToken),
                time, cancellationToken)).Value.FirstOrDefault()
                ?? throw new PermanentFailureException($"Refund {command.RefundId}: item inv_mast_uid {uid} of P21 order {orderNo} is not in inv_mast.", "P21");
            items[uid] = item.ItemId;
        }
        var lines = rows.Select(r => new SalesOrderLine(items[r.InvMastUid], r.UnitQuantity, r.UnitPrice)).ToList();
        var total = lines.Sum(l => l.Quantity * l.UnitPrice!.Value);
        if (decimal.Round(total, 4) > decimal.Round(amount, 4))
        {
            logger.LogInformation("Refund {RefundId} empties the charge after earlier refunds: {Amount} {Currency} is less than order {OrderNo}'s lines ({LinesTotal}); "
                + "its RMA carries the refund item for its own amount", command.RefundId, amount, command.Currency, orderNo, total);
            return null;
        }
        if (decimal.Round(total, 2) != decimal.Round(amount, 2))
            // Tax, shipping and discounts are P21's own: the RMA returns the goods at the order's prices; the refund's amount is on the Stripe side.
            logger.LogWarning("Refund {RefundId}: the RMA returns order {OrderNo}'s lines worth {LinesTotal}, the refund is {Amount} {Currency}",
                command.RefundId, orderNo, total, amount, command.Currency);
        return lines;
    }

    async Task<P21RefundReturnPosted> PostJournalAsync(PostP21RefundReturn command, string what, CancellationToken cancellationToken)
    {
        var amount = ledger.Amount(command.AmountMinor, command.Currency, $"Refund {command.RefundId}");
        var debit = Blank(options.Value.JournalDebitAccount) ?? journals.Value.CreditAccount;
        var credit = Blank(options.Value.JournalCreditAccount) ?? journals.Value.DebitAccount;
        IReadOnlyList<GlJournalLine> lines;
        try
        {
            lines = GlJournal.Receipt(debit, credit, amount);
        }
        catch (ArgumentException e)
        {
            throw new PermanentFailureException($"Refund {command.RefundId}: no journal for {amount} {command.Currency}: {e.Message}", null, e);
        }
        var origin = command.P21OrderNo is { Length: > 0 } order ? $"P21 order {order}" : $"Znode order {command.ZnodeOrderNumber}";
        var (number, existed) = await ledger.PostAsync(lines, RefundJournalReference.For(command.RefundId),
            $"Stripe refund {command.RefundId} of {origin} (charge {command.ChargeId})", command.RefundedAt, what, cancellationToken);
        if (!existed)
            logger.LogInformation("Posted P21 journal {TransactionNumber} for refund {RefundId} of {Origin}: {Amount} {Currency} from {CreditAccount} to {DebitAccount}",
                number, command.RefundId, origin, amount, command.Currency, credit, debit);
        return Posted(command, JournalKind, number);
    }

    async Task<P21RefundReturnReversed> CancelRmaAsync(ReverseP21RefundReturn command, CancellationToken cancellationToken)
    {
        var rma = (await P21Failures.CallAsync($"RMA {command.DocumentNumber}",
                () => api.QueryOrderHeadersAsync($"order_no eq {P21Formats.ODataString(command.DocumentNumber)}", "order_no,po_no,rma_flag,cancel_flag", 1, cancellationToken),
                time, cancellationToken)).Value.FirstOrDefault()
            ?? throw new PermanentFailureException($"Refund {command.RefundId}: RMA {command.DocumentNumber} does not exist in P21.", "P21");
        if (rma.RmaFlag != "Y") throw new PermanentFailureException($"Refund {command.RefundId}: P21 document {command.DocumentNumber} is not an RMA.", "P21");
        if (rma.CancelFlag == "Y")
        {
            logger.LogInformation("RMA {RmaNo} of refund {RefundId} is already cancelled", command.DocumentNumber, command.RefundId);
            return Reversed(command, null);
        }
        await transactions.PostAsync(RmaSet.Cancel(command.DocumentNumber), $"the cancellation of RMA {command.DocumentNumber} (refund {command.RefundId})", cancellationToken);
        logger.LogInformation("Cancelled P21 RMA {RmaNo}: refund {RefundId} failed ({Reason})", command.DocumentNumber, command.RefundId, command.Reason);
        return Reversed(command, null);
    }

    async Task<P21RefundReturnReversed> ReverseJournalAsync(ReverseP21RefundReturn command, CancellationToken cancellationToken)
    {
        var original = await ledger.LinesAsync(command.DocumentNumber, cancellationToken);
        if (original.Count == 0)
            throw new PermanentFailureException($"Refund {command.RefundId}: P21 journal entry {command.DocumentNumber} does not exist.", "P21");
        var opposite = original.Select(l => new GlJournalLine(l.AccountNumber, -l.Amount)).ToList();
        var (number, existed) = await ledger.PostAsync(opposite, RefundJournalReference.ReversalOf(command.RefundId),
            $"Reversal of {command.DocumentNumber}: Stripe refund {command.RefundId} {command.Reason}", time.GetUtcNow(),
            $"the reversal of journal entry {command.DocumentNumber} (refund {command.RefundId})", cancellationToken);
        if (!existed)
            logger.LogInformation("Reversed P21 journal {TransactionNumber} with {Reversal}: refund {RefundId} failed ({Reason})",
                command.DocumentNumber, number, command.RefundId, command.Reason);
        return Reversed(command, number);
    }

    async Task<string?> FindRmaAsync(string refundId, CancellationToken cancellationToken)
    {
        var rows = (await P21Failures.CallAsync("the RMA look-up by refund id",
            () => api.QueryOrderHeadersAsync($"po_no eq {P21Formats.ODataString(refundId)} and rma_flag eq 'Y'", "order_no,po_no,rma_flag", 2, cancellationToken),
            time, cancellationToken)).Value;
        if (rows.Count > 1)
            logger.LogError("Refund {RefundId} is on several P21 RMAs ({RmaNos}); using the first", refundId, string.Join(", ", rows.Select(r => r.OrderNo)));
        return rows.OrderBy(r => r.OrderNo, StringComparer.Ordinal).FirstOrDefault()?.OrderNo;
    }

    decimal Amount(PostP21RefundReturn command)
    {
        try
        {
            return Payments.Domain.Money.MinorUnits.ToDecimal(command.AmountMinor, command.Currency);
        }
        catch (ArgumentException e)
        {
            throw new PermanentFailureException($"Refund {command.RefundId}: {e.Message}", null, e);
        }
    }

    static string Key(string refundId) => "refund:" + refundId;

    static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    static P21RefundReturnPosted Posted(PostP21RefundReturn command, string kind, string number) => new()
    {
        CorrelationId = command.CorrelationId, RefundId = command.RefundId, DocumentKind = kind, DocumentNumber = number,
        AmountMinor = command.AmountMinor, Currency = command.Currency,
    };

    static P21RefundReturnReversed Reversed(ReverseP21RefundReturn command, string? reversal) => new()
    {
        CorrelationId = command.CorrelationId, RefundId = command.RefundId, DocumentKind = command.DocumentKind, DocumentNumber = command.DocumentNumber,
        ReversalNumber = reversal,
    };
}
