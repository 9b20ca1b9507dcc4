using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Payments.Contracts.ChargeToOrder;
using Payments.Contracts.Shared;
using Payments.Domain.Money;
using Payments.Domain.P21;
using Payments.P21Service.Client;
using Payments.P21Service.Client.Transactions;
using Payments.P21Service.Customers;
using Payments.ServiceDefaults.Failures;
using Polly.Timeout;

namespace Payments.P21Service.SalesOrders;

/// <summary>
/// Creates the P21 sales order for a paid Stripe charge, at most once: the charge id is written into the order's reference column
/// (<see cref="SalesOrderOptions.OrderReferenceField"/>) and looked up before anything is created, so a redelivery or a retry after a time-out
/// finds the order instead of posting another. A created order is read back and compared with what was sent: P21 can pass a set and keep
/// less (docs/external-apis/p21.md#transaction-failures), and the outcome then carries the differences for a person.
/// </summary>
public sealed class SalesOrderPoster(
    IP21Api api, P21Transactions transactions, CustomerResolver customers, ItemResolver items, AbandonedTransactions abandoned, P21SelfChecks selfChecks,
    IOptions<SalesOrderOptions> options, IOptions<P21Options> p21, TimeProvider time, ILogger<SalesOrderPoster> logger)
{
    static readonly ActivitySource Activity = new(Payments.ServiceDefaults.HostDefaults.TelemetryName);

    public async Task<SalesOrderOutcome> PostAsync(PostP21Order command, CancellationToken cancellationToken)
    {
        var payment = command.Payment;
        using var activity = Activity.StartActivity("P21 post sales order");
        activity?.SetTag("stripe.charge_id", payment.ChargeId);

        var planned = Plan(payment); // bad input fails here, before P21 is touched
        if (selfChecks.ReferenceProblem is { } problem)
            // Without the reference the look-up below cannot find an order made before: a redelivery would post a second one.
            throw new PermanentFailureException($"Not posting the sales order for charge {payment.ChargeId}: {problem}", "P21");

        var existing = await FindByReferenceAsync(payment.ChargeId, cancellationToken);
        if (existing is not null)
            return Found(command, existing);
        if (abandoned.MayStillRun(payment.ChargeId) is { } stillRunning)
            // We stopped waiting for an earlier create of this order; P21 may still finish it. Posting now could make a second one.
            throw new TransientFailureException(
                $"The sales order for charge {payment.ChargeId} was sent to P21 before and may still be created there; not posting it again for {stillRunning.TotalSeconds:0} s.",
                stillRunning);

        // Items before the customer: an unknown SKU must not leave a freshly created customer behind.
        var itemRows = await items.ResolveAsync(planned.Select(l => l.ItemId).ToList(), cancellationToken);
        var lines = planned.Select(l => l with { ItemId = itemRows[l.ItemId].ItemId }).ToList();
        var customer = await customers.ResolveAsync(payment, cancellationToken);
        var shipToId = options.Value.ShipToId ?? await customers.DefaultShipToAsync(customer.CustomerId, cancellationToken);

        if (abandoned.WasAbandoned(payment.ChargeId)
            && await FindByReferenceAsync(payment.ChargeId, cancellationToken) is { } late)
            // The look-up again, right before a re-post: the abandoned create may have finished while the customer was resolved.
            return Found(command, late);

        var set = SalesOrderSet.For(payment, customer.CustomerId, shipToId, lines, options.Value, TimeZoneInfo.FindSystemTimeZoneById(p21.Value.ErpTimeZone));
        TransactionResponse response;
        try
        {
            response = await transactions.PostAsync(set, $"the sales order for charge {payment.ChargeId}", cancellationToken);
        }
        catch (TransientFailureException e) when (e.InnerException is TimeoutRejectedException or TimeoutException or OperationCanceledException)
        {
            // We waited the pool wait and the request time-out (P21:PooledRequestTimeout), so the create no longer waits in P21's queue,
            // but it may still be running: the retry waits one more request time-out before it looks the order up, and does not post
            // again before then. (An open circuit or a full concurrency queue refused the call before it was sent: nothing to wait for.)
            var wait = p21.Value.RequestTimeout;
            abandoned.Remember(payment.ChargeId, time.GetUtcNow() + wait);
            throw new TransientFailureException(
                $"{e.Message} P21 may still be creating it; the retry looks it up by reference after {wait.TotalSeconds:0} s.",
                e.RetryAfter > wait ? e.RetryAfter : wait, e);
        }
        abandoned.Forget(payment.ChargeId);
        var orderNo = response.ResultValue(SalesOrderSet.Header, "order_no")
            // P21 passed the set without echoing the number: the reference tells which order it made.
            ?? (await FindByReferenceAsync(payment.ChargeId, cancellationToken))?.OrderNo
            ?? throw new TransientFailureException($"P21 returned no order number for charge {payment.ChargeId} ({P21Transactions.Messages(response)}); the retry looks it up by reference.");

        activity?.SetTag("p21.order_no", orderNo);
        var posted = Posted(command, orderNo, customer.CustomerId, customer.Created, alreadyExisted: false);
        var sent = lines.Select(l => new SentLine(l.ItemId, itemRows[l.ItemId].InvMastUid, l.Quantity, SentPrice(l))).ToList();
        var differences = await VerifyAsync(orderNo, payment, sent, cancellationToken);
        if (differences.Count > 0)
        {
            logger.LogWarning("P21 order {OrderNo} for charge {ChargeId} differs from what was sent: {Differences}", orderNo, payment.ChargeId, string.Join("; ", differences));
            return new SalesOrderOutcome(posted, differences, customer);
        }
        logger.LogInformation("Posted P21 order {OrderNo} for charge {ChargeId}, customer {CustomerId} ({MatchedBy})", orderNo, payment.ChargeId, customer.CustomerId, customer.MatchedBy);
        return new SalesOrderOutcome(posted, [], customer);
    }

    SalesOrderOutcome Found(PostP21Order command, OrderHeaderRow existing)
    {
        abandoned.Forget(command.Payment.ChargeId);
        logger.LogInformation("Charge {ChargeId} already has P21 order {OrderNo}; not posting again", command.Payment.ChargeId, existing.OrderNo);
        return new SalesOrderOutcome(Posted(command, existing.OrderNo, (long)existing.CustomerId, customerCreated: false, alreadyExisted: true), []);
    }

    /// <summary>The price we asked P21 to keep on the line; none when no price field is configured (P21 prices the line).</summary>
    decimal? SentPrice(SalesOrderLine line) => string.IsNullOrWhiteSpace(options.Value.LinePriceField) ? null : line.UnitPrice;

    static P21OrderPosted Posted(PostP21Order command, string orderNo, long customerId, bool customerCreated, bool alreadyExisted) => new()
    {
        CorrelationId = command.CorrelationId, ChargeId = command.Payment.ChargeId, OrderNo = orderNo, CustomerId = customerId,
        CustomerCreated = customerCreated, AlreadyExisted = alreadyExisted,
    };

    /// <summary>
    /// The lines to post. A payment without lines becomes one line of <see cref="SalesOrderOptions.DefaultItemId"/> for the whole amount.
    /// Lines of the same item are merged, because P21 silently collapses list rows with equal keys (keeping only the last).
    /// </summary>
    List<SalesOrderLine> Plan(PaymentDetails payment)
    {
        if (string.IsNullOrWhiteSpace(payment.ChargeId)) throw new PermanentFailureException("The payment has no charge id.");
        if (payment.AmountMinor <= 0) throw new PermanentFailureException($"Charge {payment.ChargeId} has a non-positive amount ({payment.AmountMinor}).");
        var field = options.Value.OrderReferenceField;
        if (P21FieldLengths.For(p21.Value).TryGetValue(field, out var referenceLength) && payment.ChargeId.Length > referenceLength)
            // A cut reference would find no order, or another charge's: never cut it.
            throw new PermanentFailureException(
                $"Charge id {payment.ChargeId} is {payment.ChargeId.Length} characters; P21's oe_hdr.{field} keeps at most {referenceLength}. "
                + "Set P21:SalesOrders:OrderReferenceField to web_reference_no (255) if your P21 keeps it.", "P21");
        try
        {
            CurrencyExponent.For(payment.Currency);
        }
        catch (ArgumentException e)
        {
            throw new PermanentFailureException($"Charge {payment.ChargeId}: {e.Message}", null, e);
        }

        var linesTotal = payment.Lines.All(l => l.UnitAmountMinor is not null) ? payment.Lines.Sum(l => l.Quantity * l.UnitAmountMinor!.Value) : (decimal?)null;
        if (payment.Lines.Count > 0 && linesTotal is { } total && total != payment.AmountMinor)
            // Tax, shipping and discounts are not posted as lines: P21 computes its own. Worth a look when reconciling.
            logger.LogWarning("Charge {ChargeId}: lines total {LinesTotal} minor units, charged {AmountMinor} {Currency}", payment.ChargeId, total, payment.AmountMinor, payment.Currency);

        if (payment.Lines.Count == 0)
            return [new SalesOrderLine(P21Formats.ItemId(options.Value.DefaultItemId), 1, MinorUnits.ToDecimal(payment.AmountMinor, payment.Currency))];

        var lines = new List<SalesOrderLine>();
        foreach (var line in payment.Lines)
        {
            if (string.IsNullOrWhiteSpace(line.Sku)) throw new PermanentFailureException($"Charge {payment.ChargeId} has a line without SKU.");
            if (line.Quantity <= 0) throw new PermanentFailureException($"Charge {payment.ChargeId}: SKU '{line.Sku}' has quantity {line.Quantity}.");
            var price = line.UnitAmountMinor is { } unit ? MinorUnits.ToDecimal(unit, payment.Currency) : (decimal?)null;
            lines.Add(new SalesOrderLine(P21Formats.ItemId(line.Sku), line.Quantity, price));
        }

        return lines.GroupBy(l => l.ItemId).Select(group =>
        {
            if (group.Select(l => l.UnitPrice).Distinct().Count() > 1)
                throw new PermanentFailureException(
                    $"Charge {payment.ChargeId}: item {group.Key} appears at different prices; P21 would keep only one of those lines.");
            return new SalesOrderLine(group.Key, group.Sum(l => l.Quantity), group.First().UnitPrice);
        }).ToList();
    }

    async Task<OrderHeaderRow?> FindByReferenceAsync(string chargeId, CancellationToken cancellationToken)
    {
        var field = options.Value.OrderReferenceField;
        // Deleted or cancelled orders count too: the charge was posted once, whatever happened to the order since.
        var rows = await P21Failures.CallAsync("the order look-up by charge id",
            () => api.QueryOrderHeadersAsync($"{field} eq {P21Formats.ODataString(chargeId)}", $"order_no,customer_id,{field}", 2, cancellationToken), time, cancellationToken);
        if (rows.Value.Count > 1)
            logger.LogError("Charge {ChargeId} is on several P21 orders ({OrderNos}); using the first", chargeId, string.Join(", ", rows.Value.Select(r => r.OrderNo)));
        return rows.Value.OrderBy(r => r.OrderNo, StringComparer.Ordinal).FirstOrDefault();
    }

    /// <summary>
    /// Reads the order back and compares it with what was sent: P21 can pass a set yet drop a line (an auto-answered prompt), price a line
    /// its own way or not keep the reference (docs/external-apis/p21.md#transaction-failures). A failed read-back is logged, not a
    /// difference: the order exists, and failing would only turn its announcement into a retry.
    /// </summary>
    async Task<IReadOnlyList<string>> VerifyAsync(string orderNo, PaymentDetails payment, IReadOnlyList<SentLine> sent, CancellationToken cancellationToken)
    {
        try
        {
            return await CompareAsync(orderNo, payment, sent, cancellationToken);
        }
        catch (TransientFailureException e)
        {
            logger.LogWarning(e, "Could not read back P21 order {OrderNo} for charge {ChargeId}", orderNo, payment.ChargeId);
            return [];
        }
    }

    async Task<IReadOnlyList<string>> CompareAsync(string orderNo, PaymentDetails payment, IReadOnlyList<SentLine> sent, CancellationToken cancellationToken)
    {
        var field = options.Value.OrderReferenceField;
        var literal = P21Formats.ODataString(orderNo); // order_no is a string column: quoted
        var header = (await P21Failures.CallAsync("the order read-back",
            () => api.QueryOrderHeadersAsync($"order_no eq {literal}", $"order_no,customer_id,{field}", 1, cancellationToken), time, cancellationToken)).Value.FirstOrDefault();
        if (header is null) return [$"order {orderNo} is not readable through OData (oe_hdr)"];

        var differences = new List<string>();
        var reference = field == "po_no" ? header.PoNo : header.WebReferenceNo;
        if (reference != payment.ChargeId)
        {
            differences.Add($"oe_hdr.{field} holds '{reference}', not the charge id {payment.ChargeId}");
            selfChecks.ReferenceNotKept(
                $"P21 did not keep the charge id in oe_hdr.{field} of order {orderNo} (it holds '{reference}'), so a redelivered payment would be "
                + $"posted again. Set P21:SalesOrders:OrderReferenceField to a column your P21 keeps ({(field == "po_no" ? "web_reference_no" : "po_no")}), "
                + "restart, then redrive.");
            logger.LogError("P21 order {OrderNo} does not carry charge {ChargeId} in {Field} (found '{Reference}'); posting is stopped until the setting is changed",
                orderNo, payment.ChargeId, field, reference);
        }

        var kept = (await P21Failures.CallAsync("the order lines read-back",
            () => api.QueryOrderLinesAsync($"order_no eq {literal}", "order_no,line_no,inv_mast_uid,unit_quantity,unit_price", null, cancellationToken), time, cancellationToken)).Value;
        foreach (var line in sent)
        {
            var rows = kept.Where(r => r.InvMastUid == line.InvMastUid).ToList();
            if (rows.Count == 0)
            {
                differences.Add(Invariant($"line {line.ItemId} × {line.Quantity:0.#########} was not kept"));
                continue;
            }
            var quantity = rows.Sum(r => r.UnitQuantity);
            if (quantity != line.Quantity)
                differences.Add(Invariant($"line {line.ItemId}: quantity {quantity:0.#########} in P21, {line.Quantity:0.#########} sent"));
            if (line.UnitPrice is { } price && rows.Any(r => Math.Round(r.UnitPrice, 4) != Math.Round(price, 4)))
                differences.Add(Invariant($"line {line.ItemId}: unit price {rows.First(r => Math.Round(r.UnitPrice, 4) != Math.Round(price, 4)).UnitPrice:0.00##} in P21, {price:0.00##} paid"));
        }
        foreach (var extra in kept.Where(r => sent.All(l => l.InvMastUid != r.InvMastUid)))
            differences.Add(Invariant($"line {extra.LineNo:0} (inv_mast_uid {extra.InvMastUid}) was not sent"));

        // With every price sent, P21's lines must add up to what was charged for them (tax, shipping and discounts are P21's own).
        if (sent.All(l => l.UnitPrice is not null))
        {
            var expected = sent.Sum(l => l.Quantity * l.UnitPrice!.Value);
            var total = kept.Sum(r => r.UnitQuantity * r.UnitPrice);
            if (Math.Round(total, 2) != Math.Round(expected, 2))
                differences.Add(Invariant($"order lines total {total:0.00} in P21, {expected:0.00} {payment.Currency} charged for them"));
        }
        return differences;
    }

    static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>A line as sent, with the item's <c>inv_mast_uid</c> (oe_line keeps that, not the item id).</summary>
    sealed record SentLine(string ItemId, int InvMastUid, decimal Quantity, decimal? UnitPrice);
}
