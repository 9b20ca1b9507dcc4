using System.CommandLine;
using System.Globalization;
using Payments.Cli.Systems;
using Payments.Domain.Subscriptions;
using Spectre.Console;

namespace Payments.Cli.StripeSubscription;

/// <summary>
/// <c>payments items suggest &lt;price_…|prod_…&gt;</c>: for a Stripe price or product with no P21 item mapped (an invoice of it is
/// quarantined), reads it from Stripe and P21's item master and proposes items with <see cref="ItemMappingSuggester"/>: score, reasons,
/// and the configuration line that maps it (<c>P21:Subscriptions:Items:&lt;id&gt;</c>, read by the P21 service). Nothing is mapped here.
/// </summary>
public static class ItemsCommand
{
    public static Command Create(CliContext context) =>
        new("items",
            "Stripe prices and products and the P21 items they are billed as. Systems: Stripe__ApiKey, Stripe__ApiBase, P21__BaseUrl, P21__Username, "
            + "P21__Password.")
        {
            Suggest(context),
        };

    static Command Suggest(CliContext context)
    {
        var id = new Argument<string>("stripe-id") { Description = "A Stripe price (price_…) or product (prod_…)." };
        id.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>() ?? "";
            if (!value.StartsWith("price_", StringComparison.Ordinal) && !value.StartsWith("prod_", StringComparison.Ordinal))
                result.AddError($"'{value}' is not a Stripe price (price_…) or product (prod_…)");
        });
        var command = new Command("suggest", "Proposes P21 items for a Stripe price or product by SKU and description, with scores, and prints the configuration line to map it.")
        {
            id,
        };
        command.SetAction((parsed, cancellationToken) => SuggestAsync(context, parsed.GetRequiredValue(id), cancellationToken));
        return command;
    }

    static async Task<int> SuggestAsync(CliContext context, string id, CancellationToken cancellationToken)
    {
        StripeCatalogEntry entry;
        List<P21Item> items;
        try
        {
            entry = await StripeReader.FromConfiguration(context.Configuration).CatalogEntryAsync(id, cancellationToken);
            items = await P21Reader.FromConfiguration(context.Configuration).ItemsAsync(cancellationToken);
        }
        catch (SystemReadException e)
        {
            await context.Error.WriteLineAsync($"payments: {e.Message}");
            return ExitCodes.Failed;
        }

        var suggestions = ItemMappingSuggester.Suggest(entry, items);
        var output = context.Out;
        output.WriteLine($"{id}: {entry.Name ?? "(no name)"}{(entry.PriceId is not null && entry.ProductId is not null ? $" (product {entry.ProductId})" : "")}");
        output.WriteLine($"{suggestions.Count} P21 item(s) suggested of {items.Count}; none mapped");
        if (suggestions.Count == 0)
        {
            output.WriteLine($"To map it by hand: {ConfigurationLine(id, "<P21 item id>")}");
            return ExitCodes.Done;
        }
        var table = new Table().AddColumns("Score", "P21 item", "Description", "Reasons");
        foreach (var s in suggestions)
            table.AddRow(new Text(s.Score.ToString("0.000", CultureInfo.InvariantCulture)), new Text(s.ItemId), new Text(s.ItemDescription ?? "-"),
                new Text(string.Join("; ", s.Reasons)));
        output.Write(table);
        output.WriteLine($"To map it to the best: {ConfigurationLine(id, suggestions[0].ItemId)}");
        return ExitCodes.Done;
    }

    /// <summary>The P21 service's setting, as an environment variable (docker-compose.yml) and as its appsettings.json key.</summary>
    internal static string ConfigurationLine(string stripeId, string itemId) =>
        $"P21__Subscriptions__Items__{stripeId}={itemId}   (appsettings.json: \"P21\": {{ \"Subscriptions\": {{ \"Items\": {{ \"{stripeId}\": \"{itemId}\" }} }} }})";
}
