using Microsoft.Extensions.Options;

namespace Payments.ZnodeService.Client;

/// <summary>The <see cref="ZnodeOptions"/> rules DataAnnotations cannot say, one line per problem naming its key.</summary>
public sealed class ZnodeOptionsValidator : IValidateOptions<ZnodeOptions>
{
    const string Section = ZnodeOptions.Section;

    public ValidateOptionsResult Validate(string? name, ZnodeOptions options)
    {
        var errors = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.BaseUrl)
            && (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
            errors.Add($"{Section}:BaseUrl must be an absolute http(s) URL of the Znode API site (got '{options.BaseUrl}').");
        if (options.DomainName.Contains('|'))
            errors.Add($"{Section}:DomainName cannot contain '|' (Znode splits the credentials there).");
        try
        {
            TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            errors.Add($"{Section}:TimeZone '{options.TimeZone}' is not a known time zone id (e.g. America/Chicago).");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
