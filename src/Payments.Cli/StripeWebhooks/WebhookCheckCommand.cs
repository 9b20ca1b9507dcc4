using System.CommandLine;
using Payments.Cli.Systems;
using Payments.Gateway.Webhooks;
using Spectre.Console;
using Stripe;

namespace Payments.Cli.StripeWebhooks;

/// <summary>
/// <c>payments stripe webhook check --url … [--api-key …]</c>: the drift of the account's endpoint at the URL from what the gateway
/// needs (<see cref="WebhookEndpointDrift"/>), one line each; exit 0 when an endpoint there matches, 1 otherwise (none, or drift).
/// </summary>
public static class WebhookCheckCommand
{
    public static Command Create(CliContext context)
    {
        var url = StripeWebhooksCommand.UrlOption(required: true);
        var apiKey = StripeWebhooksCommand.ApiKeyOption();
        var command = new Command("check",
            "Reports how the Stripe webhook endpoint at --url differs from what the gateway needs: missing or extra events, another API version, disabled. "
            + $"Exit {ExitCodes.Done} when it matches, {ExitCodes.Failed} on drift, no endpoint, or a Stripe failure.")
        {
            url, apiKey,
        };
        command.SetAction((parsed, cancellationToken) => CheckAsync(context, parsed.GetRequiredValue(url), parsed.GetValue(apiKey), cancellationToken));
        return command;
    }

    static async Task<int> CheckAsync(CliContext context, string url, string? apiKey, CancellationToken cancellationToken)
    {
        List<WebhookEndpoint> endpoints;
        try
        {
            endpoints = await StripeWebhooksCommand.AtUrlAsync(StripeWebhooksCommand.Client(context, apiKey), url, cancellationToken);
        }
        catch (SystemReadException e)
        {
            await context.Error.WriteLineAsync($"payments: {e.Message}");
            return ExitCodes.Failed;
        }
        catch (StripeException e)
        {
            await context.Error.WriteLineAsync($"payments: Stripe webhook endpoints: {e.Message}");
            return ExitCodes.Failed;
        }

        var output = context.Out;
        if (endpoints.Count == 0)
        {
            output.WriteLine($"No webhook endpoint at {url}: Stripe sends the gateway nothing (`payments stripe webhook setup --url {url}` creates it)");
            return ExitCodes.Failed;
        }
        var drifts = endpoints.Select(WebhookEndpointDrift.Of).ToList();
        foreach (var drift in drifts)
        {
            if (drift.None)
                output.WriteLine($"{drift.EndpointId}: as the gateway needs ({StripeWebhookEvents.Types.Count} events, {drift.ApiVersion}, enabled)");
            foreach (var line in drift.Lines())
                output.WriteLine(line);
        }
        // Several endpoints at one URL are a roll left half done: each event arrives once per endpoint (recorded once, but sent twice).
        if (endpoints.Count > 1)
            output.WriteLine($"{endpoints.Count} endpoints at {url} ({string.Join(", ", endpoints.Select(e => e.Id))}): keep the one on {StripeWebhookEvents.ApiVersion} and delete the others");
        return endpoints.Count == 1 && drifts[0].None ? ExitCodes.Done : ExitCodes.Failed;
    }
}
