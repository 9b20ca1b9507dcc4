using System.Text;
using System.Text.RegularExpressions;
using Payments.Reporting.PayoutReconciliation;

namespace Payments.Operations.Payouts;

/// <summary>
/// A payout's reconciliation report in the console, the same one <c>payments payouts report</c> writes: <c>/payouts/{id}/report</c>
/// (one printable HTML page) and <c>/payouts/{id}/report.csv</c> (a download for a spreadsheet), streamed from the databases as they
/// are read, so a payout of thousands of transactions is never held. Signed-in users only.
/// </summary>
public static partial class PayoutReportEndpoints
{
    public static IEndpointRouteBuilder MapPayoutReports(this IEndpointRouteBuilder app)
    {
        // The look-up form of the payouts page: to the report of the payout typed in.
        app.MapGet("/payouts/go", (string? id) => Results.Redirect($"/payouts/{Uri.EscapeDataString(id?.Trim() ?? "")}/report")).RequireAuthorization();
        var payout = app.MapGroup("/payouts/{payoutId}").RequireAuthorization();
        payout.MapGet("/report", (string payoutId, HttpContext http, PayoutReportDatabases databases, CancellationToken cancellationToken) =>
            WriteAsync(http, databases, payoutId, csv: false, cancellationToken));
        payout.MapGet("/report.csv", (string payoutId, HttpContext http, PayoutReportDatabases databases, CancellationToken cancellationToken) =>
            WriteAsync(http, databases, payoutId, csv: true, cancellationToken));
        return app;
    }

    static async Task WriteAsync(HttpContext http, PayoutReportDatabases databases, string payoutId, bool csv, CancellationToken cancellationToken)
    {
        if (!PayoutId().IsMatch(payoutId))
        {
            await PlainAsync(http, StatusCodes.Status400BadRequest, $"'{payoutId}' is not a Stripe payout id (po_…).");
            return;
        }
        if (databases.Missing.Count > 0)
        {
            await PlainAsync(http, StatusCodes.Status503ServiceUnavailable,
                $"This console cannot read payout reports: it has no {string.Join(" or ", databases.Missing)} (read access to the sagas' and the Stripe service's databases; docs/operations.md).");
            return;
        }

        await using var sagas = databases.Open(PayoutReportDatabases.Sagas);
        var row = await PayoutReportSource.ReadStateAsync(sagas, payoutId, cancellationToken);
        if (row is null)
        {
            await PlainAsync(http, StatusCodes.Status404NotFound,
                $"No payout {payoutId} in the payout-reconciliation flow (Stripe has not reported it, or it is another account's).");
            return;
        }

        PayoutReport report;
        try
        {
            report = PayoutReport.From(row);
        }
        catch (InvalidDataException e)
        {
            await PlainAsync(http, StatusCodes.Status500InternalServerError, e.Message);
            return;
        }
        http.Response.ContentType = csv ? "text/csv; charset=utf-8" : "text/html; charset=utf-8";
        if (csv)
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"payout-{payoutId}.csv\"";
        await using var stripe = databases.Open(PayoutReportDatabases.StripeService);
        var lines = PayoutReportSource.Lines(stripe, payoutId, cancellationToken);
        // A byte-order mark on CSV only, as the command writes it: Excel reads a CSV without one in the machine's code page.
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: csv), leaveOpen: true);
        if (csv)
            await PayoutReportCsv.WriteAsync(report, lines, writer, cancellationToken);
        else
            await PayoutReportHtml.WriteAsync(report, lines, writer, cancellationToken);
        await writer.FlushAsync(cancellationToken);
    }

    static Task PlainAsync(HttpContext http, int status, string text)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/plain; charset=utf-8";
        return http.Response.WriteAsync(text);
    }

    [GeneratedRegex("^po_[A-Za-z0-9]{1,64}$")]
    private static partial Regex PayoutId();
}
