using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using CsvHelper;
using Payments.Cli.Outbox;
using Payments.Cli.Systems;
using Payments.Domain.Customers;
using Spectre.Console;

namespace Payments.Cli.CustomerSync;

/// <summary>
/// <c>payments customers suggest-links [--threshold 0.65] [--format table|csv]</c>: reads the customers of Stripe, P21 and Znode that
/// have no link yet (no link record names them), and proposes Stripe ↔ P21 and Stripe ↔ Znode links with
/// <see cref="CustomerLinkSuggester"/>: each with its score, its reasons and the <c>payments customers link</c> line that accepts it.
/// Nothing is applied: a person reads and accepts.
/// </summary>
static class SuggestLinksCommand
{
    public static Command Create(CliContext context)
    {
        var threshold = new Option<double>("--threshold")
        {
            Description = "Pairs scoring below are not shown (0 to 1).",
            HelpName = "score",
            DefaultValueFactory = _ => new CustomerLinkOptions().Threshold,
            CustomParser = Score,
        };
        var format = new Option<string>("--format") { Description = "table (for reading) or csv (for a spreadsheet).", HelpName = "format", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "csv");
        var command = new Command("suggest-links",
            "Proposes links for customers of Stripe, P21 and Znode that match on no id, by e-mail, name and address, with a score and the reasons. Never applies them.")
        {
            threshold, format,
        };
        command.SetAction((parsed, cancellationToken) =>
            SuggestAsync(context, parsed.GetValue(threshold), parsed.GetRequiredValue(format), cancellationToken));
        return command;
    }

    static async Task<int> SuggestAsync(CliContext context, double threshold, string format, CancellationToken cancellationToken)
    {
        LinkedIds? linked = null;
        var read = await OutboxCommand.OnDatabaseAsync(context, "sagas", async db =>
        {
            linked = await CustomersCommand.LinkedAsync(db, cancellationToken);
            return ExitCodes.Done;
        });
        if (read != ExitCodes.Done) return read;

        List<CustomerProfile> stripe, p21, znode;
        try
        {
            stripe = await StripeReader.FromConfiguration(context.Configuration).CustomersAsync(cancellationToken);
            p21 = await P21Reader.FromConfiguration(context.Configuration).CustomersAsync(cancellationToken);
            znode = await ZnodeReader.FromConfiguration(context.Configuration).CustomersAsync(cancellationToken);
        }
        catch (SystemReadException e)
        {
            await context.Error.WriteLineAsync($"payments: {e.Message}");
            return ExitCodes.Failed;
        }

        var suggestions = Suggest(stripe, p21, znode, linked!, threshold);
        if (format == "csv")
            WriteCsv(context, suggestions);
        else
            WriteTable(context, suggestions, stripe.Count(c => !linked!.Stripe.Contains(c.Id)), p21.Count, znode.Count, threshold);
        return ExitCodes.Done;
    }

    /// <summary>Customers named by a link record are left out on every side; the rest are compared Stripe ↔ P21 and Stripe ↔ Znode.</summary>
    internal static List<LinkSuggestion> Suggest(
        IReadOnlyList<CustomerProfile> stripe, IReadOnlyList<CustomerProfile> p21, IReadOnlyList<CustomerProfile> znode, LinkedIds linked, double threshold)
    {
        var options = new CustomerLinkOptions { Threshold = threshold };
        var openStripe = stripe.Where(c => !linked.Stripe.Contains(c.Id)).ToList();
        var openP21 = p21.Where(c => !long.TryParse(c.Id, CultureInfo.InvariantCulture, out var id) || !linked.P21.Contains(id)).ToList();
        var openZnode = znode.Where(c => !int.TryParse(c.Id, CultureInfo.InvariantCulture, out var id) || !linked.Znode.Contains(id)).ToList();
        return CustomerLinkSuggester.Suggest(openStripe, openP21, options)
            .Concat(CustomerLinkSuggester.Suggest(openStripe, openZnode, options))
            .OrderByDescending(s => s.Score).ThenBy(s => s.Left.Id, StringComparer.Ordinal).ThenBy(s => s.Right.System).ThenBy(s => s.Right.Id, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The line that accepts a suggestion (the person puts their name in).</summary>
    internal static string AcceptLine(LinkSuggestion s) =>
        $"payments customers link {s.Left.Id} --{(s.Right.System == CustomerSystem.P21 ? "p21" : "znode")} {s.Right.Id} --by <your name> " +
        $"--reason \"suggested {s.Score.ToString("0.000", CultureInfo.InvariantCulture)}: {string.Join("; ", s.Reasons).Replace("\"", "'")}\"";

    static void WriteTable(CliContext context, List<LinkSuggestion> suggestions, int stripe, int p21, int znode, double threshold)
    {
        context.Out.WriteLine($"{suggestions.Count} suggestion(s) at or above {threshold.ToString("0.00", CultureInfo.InvariantCulture)} " +
                              $"from {stripe} unlinked Stripe, {p21} P21 and {znode} Znode customer(s); none applied");
        if (suggestions.Count == 0) return;
        var table = new Table().AddColumns("Score", "Stripe customer", "Name / e-mail", "Suggested", "Name / e-mail", "Reasons", "To accept");
        foreach (var s in suggestions)
            table.AddRow(
                new Text(s.Score.ToString("0.000", CultureInfo.InvariantCulture)),
                new Text(s.Left.Id),
                new Text($"{s.Left.Name ?? "-"} / {s.Left.Email ?? "-"}"),
                new Text($"{(s.Right.System == CustomerSystem.P21 ? "p21" : "znode")}:{s.Right.Id}"),
                new Text($"{s.Right.Name ?? "-"} / {s.Right.Email ?? "-"}"),
                new Text(string.Join("; ", s.Reasons)),
                new Text(AcceptLine(s)));
        context.Out.Write(table);
    }

    static void WriteCsv(CliContext context, List<LinkSuggestion> suggestions)
    {
        // Names and e-mails come from customers: a text field starting with = + - @ is escaped so a spreadsheet never runs it (OWASP, CSV injection).
        using var csv = CsvWriter.Create(context.Out.Profile.Out.Writer, CsvWriterOptions.Default with { Injection = CsvInjection.Escape }, leaveOpen: true);
        csv.WriteHeader(["Score", "StripeCustomer", "StripeName", "StripeEmail", "System", "Id", "Name", "Email", "Reasons", "Accept"]);
        foreach (var s in suggestions)
        {
            csv.WriteField(s.Score.ToString("0.000", CultureInfo.InvariantCulture));
            csv.WriteField(s.Left.Id);
            csv.WriteField(s.Left.Name);
            csv.WriteField(s.Left.Email);
            csv.WriteField(s.Right.System == CustomerSystem.P21 ? "p21" : "znode");
            csv.WriteField(s.Right.Id);
            csv.WriteField(s.Right.Name);
            csv.WriteField(s.Right.Email);
            csv.WriteField(string.Join("; ", s.Reasons));
            csv.WriteField(AcceptLine(s));
            csv.EndRecord();
        }
        csv.Flush();
    }

    static double Score(ArgumentResult result)
    {
        var token = result.Tokens.Count == 1 ? result.Tokens[0].Value : null;
        if (double.TryParse(token, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var score) && score is >= 0 and <= 1)
            return score;
        result.AddError($"--threshold needs a score from 0 to 1, e.g. 0.65 (not '{token}')");
        return 0;
    }
}
