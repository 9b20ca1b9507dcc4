using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Payments.Contracts.PayoutReconciliation;

namespace Payments.Reporting.PayoutReconciliation;

/// <summary>
/// The payout report as one self-contained HTML page a controller reads or prints: a heading (payout, arrival date, amount,
/// state, P21 journal), the flags in a box of their own, the summary (gross sales, refunds, disputes, other, fees by kind, net),
/// the currencies converted, the journal's lines, then a table of every balance transaction. No script, no outside file; every
/// value is HTML-encoded. The transactions are written as they are enumerated, never held.
/// </summary>
public static class PayoutReportHtml
{
    // Encodes the markup characters and leaves letters of every script readable (the default encoder escapes all non-ASCII).
    static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>Writes the page to <paramref name="output"/> (left open) and returns how many balance transactions were written.</summary>
    public static async Task<long> WriteAsync(PayoutReport report, IAsyncEnumerable<PayoutReportLine> lines, TextWriter output,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(lines);
        await output.WriteAsync(Head(report).AsMemory(), cancellationToken);

        long count = 0;
        var row = new StringBuilder();
        await foreach (var line in lines.WithCancellation(cancellationToken))
        {
            row.Clear();
            Line(row, line);
            await output.WriteAsync(row, cancellationToken);
            count++;
        }

        await output.WriteAsync($"""
            </tbody>
            </table>
            <p class="count">{count.ToString(CultureInfo.InvariantCulture)} balance transaction(s).</p>
            </body>
            </html>

            """.AsMemory(), cancellationToken);
        await output.FlushAsync(cancellationToken);
        return count;
    }

    static string E(string? text) => text is null ? "" : Encoder.Encode(text);

    static string Money(decimal amount, string currency) => E(ReportMoney.Grouped(amount, currency));

    static string Head(PayoutReport r)
    {
        var c = r.Currency;
        var html = new StringBuilder();
        html.Append($$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>Stripe payout {{E(r.PayoutId)}}</title>
            <style>
            body { font: 10pt/1.4 system-ui, sans-serif; margin: 1.5em; color: #111; }
            h1 { font-size: 16pt; margin: 0 0 .3em; }
            h2 { font-size: 12pt; margin: 1.4em 0 .4em; }
            table { border-collapse: collapse; }
            th, td { border: 1px solid #bbb; padding: .2em .5em; text-align: left; vertical-align: top; }
            th { background: #eee; }
            td.amount, th.amount { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
            tr.total td { font-weight: bold; }
            dl.facts { display: grid; grid-template-columns: max-content auto; gap: .1em 1em; margin: .5em 0; }
            dl.facts dt { font-weight: bold; }
            dl.facts dd { margin: 0; }
            .flags { border: 2px solid #b00; background: #fff0f0; padding: .5em 1em; margin: 1em 0; }
            .flags h2 { color: #b00; margin-top: 0; }
            .clear { border: 2px solid #070; background: #f0fff0; padding: .5em 1em; margin: 1em 0; }
            td.flag { color: #b00; font-weight: bold; }
            table.lines { font-size: 8.5pt; }
            @media print { body { margin: 0; } thead { display: table-header-group; } tr { break-inside: avoid; } }
            </style>
            </head>
            <body>
            <h1>Stripe payout {{E(r.PayoutId)}}</h1>
            <dl class="facts">
            <dt>Arrival date</dt><dd>{{E(r.ArrivalDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))}}</dd>
            <dt>Amount</dt><dd>{{Money(r.Amount, c)}} {{E(c)}}</dd>
            <dt>State</dt><dd>{{E(r.State)}}</dd>
            <dt>P21 journal</dt><dd>{{E(r.JournalNumber ?? "none")}}{{(r.Period is null ? "" : $" (period {E(r.Period)})")}}</dd>

            """);
        if (r.ReversalJournalNumber is not null)
            Fact(html, "Reversal journal", r.ReversalJournalNumber);
        Fact(html, "Stripe status", $"{r.Status}, {(r.Automatic ? "automatic" : "manual")}");
        if (r.Description is not null)
            Fact(html, "Description", r.Description);
        if (r.PayoutFailureCode is not null || r.PayoutFailureMessage is not null)
            Fact(html, "Payout failure", $"{r.PayoutFailureCode}: {r.PayoutFailureMessage}");
        if (r.FailedStep is not null || r.FailureReason is not null)
            Fact(html, "Failed at", $"{r.FailedStep}: {r.FailureReason}");
        Fact(html, "Run", r.Run.ToString(CultureInfo.InvariantCulture));
        Fact(html, "Updated (UTC)", r.UpdatedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        html.Append("</dl>\n");

        Flags(html, r);
        Summary(html, r);
        Conversions(html, r);
        Journal(html, r);

        html.Append("""
            <h2>Balance transactions</h2>
            <table class="lines">
            <thead><tr><th>Created (UTC)</th><th>Balance transaction</th><th>Type</th><th>Category</th><th class="amount">Gross</th><th class="amount">Fee</th><th class="amount">Net</th><th>Currency</th><th>Fee details</th><th class="amount">Original</th><th>Rate</th><th>Charge</th><th>P21 order</th><th>Znode order</th><th>Description</th><th>Flag</th></tr></thead>
            <tbody>

            """);
        return html.ToString();
    }

    static void Fact(StringBuilder html, string label, string value) =>
        html.Append($"<dt>{E(label)}</dt><dd>{E(value)}</dd>\n");

    static void Flags(StringBuilder html, PayoutReport r)
    {
        if (r.FlagCount == 0 && r.Flags.Count == 0)
        {
            html.Append(r.Totals is null
                ? "<p class=\"clear\">The balance transactions have not been listed yet.</p>\n"
                : "<p class=\"clear\">No flags: the balance transactions reconcile with the payout.</p>\n");
            return;
        }
        var count = Math.Max(r.FlagCount, r.Flags.Count);
        html.Append($"<section class=\"flags\">\n<h2>{count.ToString(CultureInfo.InvariantCulture)} flag(s): not posted while flagged</h2>\n<ul>\n");
        foreach (var flag in r.Flags)
            html.Append($"<li><strong>{E(flag.Kind)}</strong>: {E(flag.Reason)}{FlagRefs(flag)}</li>\n");
        html.Append("</ul>\n");
        if (r.FlagsNotListed > 0)
            html.Append($"<p>{r.FlagsNotListed.ToString(CultureInfo.InvariantCulture)} more: every balance transaction marked in the Flag column below.</p>\n");
        html.Append("</section>\n");
    }

    static string FlagRefs(PayoutFlagItem flag)
    {
        var refs = new[] { flag.BalanceTransactionId, flag.ChargeId }.Where(x => !string.IsNullOrWhiteSpace(x)).ToArray();
        return refs.Length == 0 ? "" : $" ({E(string.Join(", ", refs))})";
    }

    static void Summary(StringBuilder html, PayoutReport r)
    {
        html.Append("<h2>Summary</h2>\n");
        if (r.Totals is not { } t)
        {
            html.Append("<p>Not listed yet.</p>\n");
            return;
        }
        var c = r.Currency;
        html.Append($"<table class=\"summary\">\n<thead><tr><th></th><th class=\"amount\">{E(c)}</th></tr></thead>\n<tbody>\n");
        SummaryRow(html, "Gross sales", t.GrossSales, c);
        SummaryRow(html, "Refunds", t.Refunds, c);
        SummaryRow(html, "Disputes", t.Disputes, c);
        foreach (var other in t.OtherCategories)
            SummaryRow(html, $"Other: {other.Name}", other.Amount, c);
        // Fees are deducted: shown negative, so the column sums to the net.
        foreach (var fee in t.Fees)
            SummaryRow(html, $"Fee: {fee.Name}", -fee.Amount, c);
        SummaryRow(html, "Net", t.Net, c, "total");
        SummaryRow(html, "Payout amount", r.Amount, c);
        html.Append($"</tbody>\n</table>\n<p>{t.Count.ToString(CultureInfo.InvariantCulture)} balance transaction(s), fees {Money(t.FeesTotal, c)} {E(c)} in all.</p>\n");
    }

    static void SummaryRow(StringBuilder html, string label, decimal amount, string currency, string? css = null) =>
        html.Append($"<tr{(css is null ? "" : $" class=\"{css}\"")}><td>{E(label)}</td><td class=\"amount\">{Money(amount, currency)}</td></tr>\n");

    static void Conversions(StringBuilder html, PayoutReport r)
    {
        if (r.Conversions.Count == 0) return;
        html.Append($"""
            <h2>Currency conversions</h2>
            <table class="conversions">
            <thead><tr><th>From</th><th class="amount">Original</th><th class="amount">Settled ({E(r.Currency)})</th><th class="amount">Effective rate</th><th class="amount">Rates</th><th class="amount">Transactions</th></tr></thead>
            <tbody>

            """);
        foreach (var x in r.Conversions)
        {
            html.Append($"<tr><td>{E(x.OriginalCurrency)}</td><td class=\"amount\">{Money(x.OriginalAmount, x.OriginalCurrency)}</td>"
                        + $"<td class=\"amount\">{Money(x.SettlementAmount, r.Currency)}</td>"
                        + $"<td class=\"amount\">{(x.EffectiveRate is { } rate ? E(ReportMoney.Rate(rate)) : "")}</td>"
                        + $"<td class=\"amount\">{E(ReportMoney.Rate(x.MinRate))} – {E(ReportMoney.Rate(x.MaxRate))}</td>"
                        + $"<td class=\"amount\">{x.Count.ToString(CultureInfo.InvariantCulture)}</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
    }

    static void Journal(StringBuilder html, PayoutReport r)
    {
        html.Append($"<h2>P21 journal{(r.JournalNumber is null ? "" : " " + E(r.JournalNumber))}</h2>\n");
        if (r.JournalLines.Count == 0)
        {
            html.Append("<p>Not posted.</p>\n");
            return;
        }
        var c = r.Currency;
        html.Append($"""
            <table class="journal">
            <thead><tr><th>Account</th><th class="amount">Debit</th><th class="amount">Credit</th><th>Description</th><th class="amount">Foreign amount</th></tr></thead>
            <tbody>

            """);
        foreach (var line in r.JournalLines)
        {
            var foreign = line.ForeignAmount is { } amount && line.ForeignCurrency is { } currency ? $"{Money(amount, currency)} {E(currency)}" : "";
            html.Append($"<tr><td>{E(line.Account)}</td>"
                        + $"<td class=\"amount\">{(line.Amount > 0 ? Money(line.Amount, c) : "")}</td>"
                        + $"<td class=\"amount\">{(line.Amount < 0 ? Money(-line.Amount, c) : "")}</td>"
                        + $"<td>{E(line.Description)}</td><td class=\"amount\">{foreign}</td></tr>\n");
        }
        var debits = r.JournalLines.Where(l => l.Amount > 0).Sum(l => l.Amount);
        var credits = -r.JournalLines.Where(l => l.Amount < 0).Sum(l => l.Amount);
        html.Append($"<tr class=\"total\"><td>Total</td><td class=\"amount\">{Money(debits, c)}</td><td class=\"amount\">{Money(credits, c)}</td><td></td><td></td></tr>\n</tbody>\n</table>\n");
    }

    static void Line(StringBuilder html, PayoutReportLine l)
    {
        var c = l.Currency;
        var original = l.OriginalAmount is { } amount && l.OriginalCurrency is { } currency ? $"{Money(amount, currency)} {E(currency)}" : "";
        html.Append("<tr>")
            .Append($"<td>{E(l.Created.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture))}</td>")
            .Append($"<td>{E(l.BalanceTransactionId)}</td>")
            .Append($"<td>{E(l.Type)}</td>")
            .Append($"<td>{E(l.Category)}</td>")
            .Append($"<td class=\"amount\">{Money(l.Gross, c)}</td>")
            .Append($"<td class=\"amount\">{Money(l.Fee, c)}</td>")
            .Append($"<td class=\"amount\">{Money(l.Net, c)}</td>")
            .Append($"<td>{E(c)}</td>")
            .Append($"<td>{E(l.Fees)}</td>")
            .Append($"<td class=\"amount\">{original}</td>")
            .Append($"<td>{(l.ExchangeRate is { } rate ? E(ReportMoney.Rate(rate)) : "")}</td>")
            .Append($"<td>{E(l.ChargeId)}</td>")
            .Append($"<td>{E(l.P21OrderNo)}</td>")
            .Append($"<td>{E(l.ZnodeOrderNumber)}</td>")
            .Append($"<td>{E(l.Description)}</td>")
            .Append(l.OrderUnknown ? "<td class=\"flag\">no known order</td>" : "<td></td>")
            .Append("</tr>\n");
    }
}
