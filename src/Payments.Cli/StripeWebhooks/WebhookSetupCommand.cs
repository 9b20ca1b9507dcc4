using System.CommandLine;
using Payments.Cli.Systems;
using Payments.Gateway.Webhooks;
using Spectre.Console;
using Stripe;

namespace Payments.Cli.StripeWebhooks;

/// <summary>
/// <c>payments stripe webhook setup --url … [--api-key …] [--secret-file …]</c>: makes the account's endpoint at the URL send exactly
/// <see cref="StripeWebhookEvents.Types"/> on <see cref="StripeWebhookEvents.ApiVersion"/>. An endpoint there on that API version is
/// updated (events set, enabled); otherwise one is created, and its signing secret — which Stripe shows only then — is written to
/// <c>--secret-file</c> or printed, with how to give it to the gateway. Stripe cannot change an endpoint's API version, so an endpoint
/// on another version is left sending until the operator deletes it (the gateway de-duplicates by event id meanwhile).
/// </summary>
public static class WebhookSetupCommand
{
    public static Command Create(CliContext context)
    {
        var url = StripeWebhooksCommand.UrlOption(required: true);
        var apiKey = StripeWebhooksCommand.ApiKeyOption();
        var secretFile = new Option<FileInfo?>("--secret-file")
        {
            Description = "Write a new endpoint's signing secret to this file (readable by its owner only) instead of printing it, "
                + "e.g. secrets/stripe_webhook_secret for docker-compose.yml.",
            HelpName = "file",
        };
        var command = new Command("setup", "Creates or updates the Stripe webhook endpoint at --url with exactly the events the gateway consumes and the API version it reads.")
        {
            url, apiKey, secretFile,
        };
        command.SetAction((parsed, cancellationToken) =>
            SetupAsync(context, parsed.GetRequiredValue(url), parsed.GetValue(apiKey), parsed.GetValue(secretFile), cancellationToken));
        return command;
    }

    static async Task<int> SetupAsync(CliContext context, string url, string? apiKey, FileInfo? secretFile, CancellationToken cancellationToken)
    {
        var output = context.Out;
        try
        {
            var client = StripeWebhooksCommand.Client(context, apiKey);
            var existing = await StripeWebhooksCommand.AtUrlAsync(client, url, cancellationToken);
            var service = new WebhookEndpointService(client);
            var onVersion = existing.FirstOrDefault(e => e.ApiVersion == StripeWebhookEvents.ApiVersion)
                ?? existing.FirstOrDefault(e => ApiVersions.IsOnSdkTrain(e.ApiVersion));
            if (onVersion is not null)
            {
                var drift = WebhookEndpointDrift.Of(onVersion);
                if (drift.Missing.Count == 0 && drift.Extra.Count == 0 && !drift.Disabled)
                    output.WriteLine($"{onVersion.Id} at {onVersion.Url} already sends the {StripeWebhookEvents.Types.Count} events the gateway consumes on {onVersion.ApiVersion}: nothing changed");
                else
                {
                    await service.UpdateAsync(onVersion.Id, new WebhookEndpointUpdateOptions
                    {
                        EnabledEvents = [.. StripeWebhookEvents.Types],
                        Disabled = false,
                    }, cancellationToken: cancellationToken);
                    output.WriteLine($"Updated {onVersion.Id} at {onVersion.Url} ({onVersion.ApiVersion}):");
                    foreach (var type in drift.Missing) output.WriteLine($"  added {type}");
                    foreach (var type in drift.Extra) output.WriteLine($"  removed {type}");
                    if (drift.Disabled) output.WriteLine("  enabled (it was disabled)");
                }
                output.WriteLine("Its signing secret is unchanged (Stripe shows it only when an endpoint is created; the Dashboard's Webhooks page reveals it).");
                ReportOthers(context, existing.Where(e => e.Id != onVersion.Id));
                return ExitCodes.Done;
            }

            var created = await service.CreateAsync(new WebhookEndpointCreateOptions
            {
                Url = url,
                EnabledEvents = [.. StripeWebhookEvents.Types],
                ApiVersion = StripeWebhookEvents.ApiVersion,
                Description = "Payments hub gateway (payments stripe webhook setup)",
            }, cancellationToken: cancellationToken);
            output.WriteLine($"Created {created.Id} at {created.Url}: {StripeWebhookEvents.Types.Count} events on API version {created.ApiVersion}");
            await StoreSecretAsync(context, created, secretFile, rolling: existing.Count > 0, cancellationToken);
            ReportOthers(context, existing);
            return ExitCodes.Done;
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
    }

    /// <summary>
    /// The secret goes to the operator's terminal or a file of theirs, never to a log; the lines say where the gateway reads it
    /// (a Docker secret file named after the setting, or the environment).
    /// </summary>
    static async Task StoreSecretAsync(CliContext context, WebhookEndpoint created, FileInfo? secretFile, bool rolling, CancellationToken cancellationToken)
    {
        var output = context.Out;
        var setting = rolling ? "Gateway__WebhookSecrets__0 (keep the old endpoint's secret as Gateway__WebhookSecrets__1 until it is deleted)" : "Gateway__WebhookSecrets__0";
        if (secretFile is not null)
        {
            secretFile.Directory?.Create();
            await System.IO.File.WriteAllTextAsync(secretFile.FullName, created.Secret, cancellationToken);
            if (!OperatingSystem.IsWindows())
                System.IO.File.SetUnixFileMode(secretFile.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            output.WriteLine($"Its signing secret is in {secretFile.FullName} (mode 600). Give it to the gateway as {setting}:");
        }
        else
        {
            output.WriteLine($"Its signing secret (Stripe shows it only now): {created.Secret}");
            output.WriteLine($"Give it to the gateway as {setting}, never in a committed file:");
        }
        output.WriteLine("  docker-compose: the file secrets/stripe_webhook_secret (mounted as /run/secrets/Gateway__WebhookSecrets__0; deploy/README.md)");
        output.WriteLine("  elsewhere: a file Gateway__WebhookSecrets__0 in the secrets directory (Secrets:Directory, default /run/secrets), or that environment variable");
    }

    static void ReportOthers(CliContext context, IEnumerable<WebhookEndpoint> others)
    {
        foreach (var other in others)
            context.Out.WriteLine($"Also at this URL: {other.Id} on API version {other.ApiVersion ?? "(the account's default)"}, {other.Status}: once the gateway has "
                + $"the new secret, delete it in the Dashboard (or `stripe webhook_endpoints delete {other.Id}`); until then the gateway receives both and records each event once");
    }
}
