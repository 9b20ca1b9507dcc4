using Microsoft.Extensions.Configuration;

namespace Payments.ServiceDefaults.Configuration;

/// <summary>
/// Secrets from mounted files, one setting per file (Docker and Kubernetes secrets): the file <c>/run/secrets/Stripe__ApiKey</c> holds
/// <c>Stripe:ApiKey</c> (<c>__</c> for <c>:</c>, one trailing newline dropped). Added after the other sources, so a file wins over the
/// environment. <c>Secrets:Directory</c> (e.g. <c>Secrets__Directory</c>) moves it; the default, <c>/run/secrets</c>, may be absent,
/// a directory that is named and absent stops the start. Values are read like any other setting and never logged.
/// </summary>
public static class SecretFiles
{
    public const string DirectoryKey = "Secrets:Directory";
    public const string DefaultDirectory = "/run/secrets";

    /// <summary>Adds the secrets directory named by <paramref name="configuration"/>'s <c>Secrets:Directory</c> (so far) to it.</summary>
    public static IConfigurationManager AddSecretFiles(this IConfigurationManager configuration)
    {
        var named = configuration[DirectoryKey];
        var directory = string.IsNullOrWhiteSpace(named) ? DefaultDirectory : named;
        if (!string.IsNullOrWhiteSpace(named) && !Directory.Exists(directory))
            throw new InvalidOperationException($"{DirectoryKey} is '{directory}', which is not a directory (the mounted secrets, a file per setting).");
        configuration.AddKeyPerFile(directory, optional: true, reloadOnChange: false);
        return configuration;
    }
}
