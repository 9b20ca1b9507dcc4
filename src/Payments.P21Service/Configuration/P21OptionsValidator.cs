using Microsoft.Extensions.Options;

namespace Payments.P21Service.Configuration;

/// <summary>Refuses to start with a P21 configuration that could only fail later, one clear line per problem.</summary>
public sealed class P21OptionsValidator : IValidateOptions<P21Options>
{
    static readonly HashSet<string> ReferenceFields = ["web_reference_no", "po_no"];

    public ValidateOptionsResult Validate(string? name, P21Options options)
    {
        var errors = new List<string>();
        if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            errors.Add($"P21:BaseUrl must be an absolute http(s) URL of the P21 middleware (got '{options.BaseUrl}').");
        if (string.IsNullOrWhiteSpace(options.ClientSecret) && (string.IsNullOrWhiteSpace(options.Username) || string.IsNullOrWhiteSpace(options.Password)))
            errors.Add("P21: set Username and Password, or ClientSecret (consumer key).");
        if (string.IsNullOrWhiteSpace(options.CompanyId)) errors.Add("P21:CompanyId is required (e.g. ACME).");
        if (options.SalesLocationId <= 0) errors.Add("P21:SalesLocationId is required (a P21 location id).");
        if (options.SourceLocationId <= 0) errors.Add("P21:SourceLocationId is required: P21 refuses an order without it (tax jurisdiction).");
        if (options.ShipToId is <= 0) errors.Add("P21:ShipToId must be a positive id, or left empty for the customer's default ship-to.");
        if (string.IsNullOrWhiteSpace(options.SalesrepId)) errors.Add("P21:SalesrepId is required to create customers.");
        if (string.IsNullOrWhiteSpace(options.DefaultBranch)) errors.Add("P21:DefaultBranch is required to create customers.");
        try
        {
            TimeZoneInfo.FindSystemTimeZoneById(options.ErpTimeZone);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            errors.Add($"P21:ErpTimeZone '{options.ErpTimeZone}' is not a known time zone id (e.g. America/New_York).");
        }
        if (!ReferenceFields.Contains(options.OrderReferenceField))
            errors.Add($"P21:OrderReferenceField must be one of {string.Join(", ", ReferenceFields)} (got '{options.OrderReferenceField}').");
        if (string.IsNullOrWhiteSpace(options.DefaultItemId)) errors.Add("P21:DefaultItemId is required (the item for payments without lines).");
        if (options.WalkInCustomerId is <= 0) errors.Add("P21:WalkInCustomerId must be a positive customer id or empty.");
        if (options.RequestTimeout <= TimeSpan.Zero) errors.Add("P21:RequestTimeout must be positive.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
