using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Payments.Contracts.CustomerSync;
using Payments.Contracts.Shared;
using Spectre.Console;

namespace Payments.Cli.CustomerSync;

/// <summary>
/// <c>payments customers link &lt;cus_…&gt; [--p21 N] [--znode N] --by &lt;name&gt; [--reason text]</c>: a person accepts a link (from
/// <c>suggest-links</c>, or known otherwise) by publishing <see cref="LinkCustomer"/> to the customer-sync flow, which records it and
/// sends the whole customer record to the newly linked system. The flow decides; the command writes nothing itself.
/// </summary>
static class LinkCustomerCommand
{
    public static Command Create(CliContext context)
    {
        var customer = new Argument<string>("stripe-customer") { Description = "The Stripe customer, e.g. cus_…" };
        customer.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>() ?? "";
            if (!value.StartsWith("cus_", StringComparison.Ordinal) || value.Length <= 4)
                result.AddError($"'{value}' is not a Stripe customer id (cus_…)");
        });
        var p21 = new Option<long?>("--p21") { Description = "The P21 customer id it is.", HelpName = "customer-id", CustomParser = r => Positive(r, long.MaxValue) };
        var znode = new Option<int?>("--znode") { Description = "The Znode user id it is.", HelpName = "user-id", CustomParser = r => (int?)Positive(r, int.MaxValue) };
        var by = new Option<string>("--by") { Description = "Who accepts the link (kept in the link record as person:<name>).", HelpName = "name", Required = true };
        by.Validators.Add(result =>
        {
            if (string.IsNullOrWhiteSpace(result.GetValueOrDefault<string>())) result.AddError("--by needs the name of the person who accepts the link");
        });
        var reason = new Option<string?>("--reason") { Description = "Why, e.g. the suggestion's score and reasons.", HelpName = "text" };
        var command = new Command("link", "Links a Stripe customer to a P21 customer and/or a Znode user: a person accepts it; the customer-sync flow applies it.")
        {
            customer, p21, znode, by, reason,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(p21) is null && result.GetValue(znode) is null)
                result.AddError("Give --p21 and/or --znode: the system(s) the Stripe customer is linked to");
        });
        command.SetAction((parsed, cancellationToken) => LinkAsync(context, new LinkCustomer
        {
            CorrelationId = CorrelationKey.StripeCustomer(parsed.GetRequiredValue(customer)).ToGuid(),
            StripeCustomerId = parsed.GetRequiredValue(customer),
            P21CustomerId = parsed.GetValue(p21),
            ZnodeUserId = parsed.GetValue(znode),
            AcceptedBy = parsed.GetRequiredValue(by).Trim(),
            Reason = parsed.GetValue(reason),
            AcceptedAt = DateTimeOffset.UtcNow,
        }, cancellationToken));
        return command;
    }

    static async Task<int> LinkAsync(CliContext context, LinkCustomer message, CancellationToken cancellationToken)
    {
        if (!await BrokerMessage.PublishAsync(context, message, cancellationToken))
            return ExitCodes.Failed;
        var targets = new List<string>();
        if (message.P21CustomerId is { } p21) targets.Add($"P21 customer {p21}");
        if (message.ZnodeUserId is { } znode) targets.Add($"Znode user {znode}");
        context.Out.WriteLine($"Asked the customer-sync flow to link Stripe customer {message.StripeCustomerId} to {string.Join(" and ", targets)} " +
                              $"(accepted by {message.AcceptedBy}{(message.Reason is null ? "" : $": {message.Reason}")}); " +
                              $"see it with: payments customers show {message.StripeCustomerId}");
        return ExitCodes.Done;
    }

    static long? Positive(ArgumentResult result, long max)
    {
        var token = result.Tokens.Count == 1 ? result.Tokens[0].Value : null;
        if (long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 && n <= max)
            return n;
        result.AddError($"{(result.Parent as OptionResult)?.Option.Name ?? "the id"} needs a positive whole id (not '{token}')");
        return null;
    }
}
