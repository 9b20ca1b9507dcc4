using System.CommandLine;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Payments.Cli.Outbox;
using Payments.Reporting.PayoutReconciliation;
using Spectre.Console;

namespace Payments.Cli.PayoutReconciliation;

/// <summary>
/// <c>payments payouts report &lt;payout id&gt; [--format csv|html] [--output FILE]</c>: the payout's report, its summary from the saga's
/// row and a line per balance transaction streamed from the Stripe service's database, so a payout of 10,000 transactions is
/// written without being held.
/// </summary>
static class ReportPayoutCommand
{
    public static Command Create(CliContext context)
    {
        var payout = PayoutsCommand.PayoutIdArgument();
        var format = new Option<string>("--format")
        {
            Description = "csv (a summary block, then a record per balance transaction) or html (one printable page).",
            HelpName = "format",
            DefaultValueFactory = _ => "csv",
        };
        format.AcceptOnlyFromAmong("csv", "html");
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Write the report to this file instead of stdout.", HelpName = "file" };
        var command = new Command("report",
            "Writes a payout's report: date, amount, state, P21 journal, gross sales, refunds, disputes, fees by type, net, conversions, "
            + "every flag, then every balance transaction with its charge, P21 order and Znode order.")
        {
            payout,
            format,
            output,
        };
        command.SetAction((parsed, cancellationToken) => OutboxCommand.OnDatabaseAsync(context, "sagas",
            sagas => ReportAsync(context, sagas, parsed.GetRequiredValue(payout), parsed.GetRequiredValue(format), parsed.GetValue(output),
                cancellationToken)));
        return command;
    }

    static async Task<int> ReportAsync(CliContext context, DbContext sagas, string payoutId, string format, FileInfo? file,
        CancellationToken cancellationToken)
    {
        var row = await PayoutsCommand.ReadAsync(sagas, payoutId, cancellationToken);
        if (row is null)
            return await PayoutsCommand.NotFoundAsync(context, payoutId);
        PayoutReport report;
        try
        {
            report = PayoutReport.From(row);
        }
        catch (InvalidDataException e)
        {
            await context.Error.WriteLineAsync($"payments: {e.Message}");
            return ExitCodes.Failed;
        }

        return await OutboxCommand.OnDatabaseAsync(context, "stripe", async stripe =>
        {
            var lines = Lines(stripe, payoutId, cancellationToken);
            long written;
            if (file is null)
            {
                written = await Write(format, report, lines, context.Out.Profile.Out.Writer, cancellationToken);
            }
            else
            {
                var wrote = await WriteFileAsync(context, file, format, report, lines, cancellationToken);
                if (wrote is not { } count)
                    return ExitCodes.Failed;
                written = count;
                context.Out.WriteLine($"Wrote the {format} report of payout {payoutId} ({written} balance transaction(s)) to {file.FullName}");
            }
            if (written == 0 && report.Totals is { Count: > 0 } totals)
                await context.Error.WriteLineAsync(
                    $"payments: warning: the Stripe service's database has no balance transaction of payout {payoutId}, though its listing counted {totals.Count}; is ConnectionStrings:StripeService that service's?");
            return ExitCodes.Done;
        });
    }

    static IAsyncEnumerable<PayoutReportLine> Lines(DbContext stripe, string payoutId, CancellationToken cancellationToken) =>
        PayoutReportSource.Lines(stripe, payoutId, cancellationToken);

    static Task<long> Write(string format, PayoutReport report, IAsyncEnumerable<PayoutReportLine> lines, TextWriter output,
        CancellationToken cancellationToken) =>
        format == "html"
            ? PayoutReportHtml.WriteAsync(report, lines, output, cancellationToken)
            : PayoutReportCsv.WriteAsync(report, lines, output, cancellationToken);

    /// <summary>
    /// Writes beside <paramref name="file"/> and moves it into place when complete, so a report cut short (a database gone, Ctrl+C)
    /// never leaves a file that looks whole. Null (and one line on stderr) when the file cannot be written.
    /// </summary>
    static async Task<long?> WriteFileAsync(CliContext context, FileInfo file, string format, PayoutReport report,
        IAsyncEnumerable<PayoutReportLine> lines, CancellationToken cancellationToken)
    {
        var partial = file.FullName + ".partial";
        try
        {
            long written;
            // A byte-order mark on CSV only: Excel reads a CSV without one in the machine's code page; the HTML names its charset.
            await using (var writer = new StreamWriter(partial, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: format == "csv")))
                written = await Write(format, report, lines, writer, cancellationToken);
            File.Move(partial, file.FullName, overwrite: true);
            return written;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await context.Error.WriteLineAsync($"payments: cannot write {file.FullName}: {e.Message}");
            return null;
        }
        finally
        {
            if (File.Exists(partial))
                File.Delete(partial);
        }
    }
}
