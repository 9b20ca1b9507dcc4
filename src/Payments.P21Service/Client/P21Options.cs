using System.ComponentModel.DataAnnotations;

namespace Payments.P21Service.Client;

/// <summary>
/// The <c>P21</c> section: where the P21 installation is, who we are there, and how long a call may take. What each
/// capability posts is configured in its own section (<c>P21:SalesOrders</c>, <c>P21:Customers</c>); how calls are
/// limited and cut off when P21 struggles in <c>P21:Http</c> (<see cref="ServiceDefaults.Http.OutboundHttpOptions"/>).
/// </summary>
public sealed class P21Options
{
    public const string Section = "P21";

    /// <summary>The P21 middleware base host, e.g. <c>https://p21.example.com</c> (token, router, OData).</summary>
    [Required(ErrorMessage = "{0} is required (the P21 middleware, e.g. https://p21.example.com).")]
    public string BaseUrl { get; set; } = "";

    /// <summary>API user (v2 token with user name and password).</summary>
    public string? Username { get; set; }
    public string? Password { get; set; }
    /// <summary>Consumer key; when set it is used instead of the password (<c>GrantType: client_credentials</c>, with <see cref="Username"/> if given).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>P21 company (<c>company_id</c>) the customers are looked up in. Never sent on an order: P21 refuses it there.</summary>
    [Required(ErrorMessage = "{0} is required (e.g. ACME).")]
    public string CompanyId { get; set; } = "";

    /// <summary>IANA id of the ERP's zone; documents are dated on the calendar day the payment happened there.</summary>
    public string ErpTimeZone { get; set; } = "UTC";

    /// <summary>
    /// How long one call may take (the HTTP pipeline's attempt time-out); a time-out counts as a transient failure. After a
    /// time-out on a create, the retry waits at least this long before it looks the document up.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "01:00:00", ErrorMessage = "{0} must be between 00:00:00.1 and 01:00:00.")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A token is renewed this long before it expires (at most half its lifetime).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "{0} must be between 00:00:00 and 1.00:00:00.")]
    public TimeSpan TokenRenewalMargin { get; set; } = TimeSpan.FromMinutes(5);
}
