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
    /// How long one call may take once P21 works on it; a time-out counts as a transient failure. A Transaction API call may wait
    /// <see cref="SessionPoolWait"/> longer for an API instance first. After a time-out on a create, the retry waits at least
    /// this long again before it looks the document up.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "01:00:00", ErrorMessage = "{0} must be between 00:00:00.1 and 01:00:00.")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The installation's pool of API instances that serve the Transaction API (P21's default: 5). <c>P21:Http:MaxConcurrentRequests</c>
    /// defaults to it and may not exceed it, so that no call of ours waits inside P21 (docs/external-apis/p21.md#session-pool-and-limits).
    /// </summary>
    [Range(1, 1000, ErrorMessage = "{0} must be between 1 and 1000 (P21's default is 5).")]
    public int SessionPoolSize { get; set; } = 5;

    /// <summary>
    /// How long P21 lets a Transaction API call wait for a free API instance (P21's default: 60 s). Such a call is given this long plus
    /// <see cref="RequestTimeout"/>, so that when we give up on it, it is no longer waiting in P21 to run later.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ErrorMessage = "{0} must be between 00:00:00 and 01:00:00.")]
    public TimeSpan SessionPoolWait { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The attempt time-out of a call served from P21's session pool (the Transaction API): the pool wait, then the request time-out.</summary>
    public TimeSpan PooledRequestTimeout => SessionPoolWait + RequestTimeout;

    /// <summary>
    /// Messages that call P21 this process works on at once, across all its endpoints (<c>Admission/P21Admission</c>); each such endpoint also
    /// prefetches no more than this, so a burst waits on the broker, not in memory. Default: twice <c>P21:Http:MaxConcurrentRequests</c>, so
    /// that while P21's sessions are busy the next messages do their look-ups. Below that limit P21's sessions are left idle.
    /// </summary>
    [Range(1, 10_000, ErrorMessage = "{0} must be between 1 and 10000.")]
    public int? MaxConcurrentMessages { get; set; }

    /// <summary>
    /// How many fresh tokens one call may ask for after P21 answered 401. Each token request may end the sessions of everyone on the same
    /// API user (another replica included), so a call can meet a 401 again with the token it just got (docs/external-apis/p21.md#tokens).
    /// </summary>
    [Range(1, 10, ErrorMessage = "{0} must be between 1 and 10.")]
    public int Reauthentications { get; set; } = 3;

    /// <summary>
    /// Words in a 401's body that mean the API user lacks a permission, not that its session ended (P21: "You are not authorized to access
    /// API"); such a 401 after a fresh token is permanent. Configured items replace the defaults.
    /// </summary>
    public string[] PermissionMessages { get; set; } = [];

    /// <summary>
    /// Words in the messages of a Transaction API set that P21 failed (HTTP 200, <c>Summary.Failed</c>) that mean the failure passes: a
    /// pooled session left with an open dialog ("Unexpected response window"), a record lock, a deadlock. Such a set is retried (the retry
    /// looks the document up first); any other failure is a business refusal, permanent (docs/external-apis/p21.md#transaction-failures).
    /// Matched case-insensitively; configured items replace the defaults.
    /// </summary>
    public string[] TransientMessages { get; set; } = [];

    /// <summary>
    /// Words in a Transaction API 5xx answer that mean retrying cannot help, e.g. "Window &lt;&lt;Order&gt;&gt; is not available or user
    /// does not have permission to open it". Configured items replace the defaults.
    /// </summary>
    public string[] PermanentErrorMessages { get; set; } = [];

    /// <summary>
    /// What a value longer than its P21 column gets (docs/external-apis/p21.md#formats-and-field-lengths): <c>Truncate</c> (default) cuts
    /// it and logs what was cut; <c>Refuse</c> fails the payment permanently, naming the field and its length. A charge id never is cut.
    /// </summary>
    [EnumDataType(typeof(OverLongValueRule), ErrorMessage = "{0} must be Truncate or Refuse.")]
    public OverLongValueRule OverLongValues { get; set; } = OverLongValueRule.Truncate;

    /// <summary>
    /// Column lengths of the Transaction API fields we write, by field name (<see cref="P21FieldLengths.Defaults"/>); configured items add to
    /// or replace the defaults, e.g. <c>P21:FieldLengths:customer_name=255</c> where an installation's name column is longer.
    /// </summary>
    public Dictionary<string, int> FieldLengths { get; set; } = [];

    /// <summary>A token is renewed this long before it expires (at most half its lifetime).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "{0} must be between 00:00:00 and 1.00:00:00.")]
    public TimeSpan TokenRenewalMargin { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Fills in the lists left out of configuration (the binder would otherwise add configured items to the defaults, so the defaults
    /// come after binding).
    /// </summary>
    public void ApplyDefaults()
    {
        if (PermissionMessages.Length == 0) PermissionMessages = ["You are not authorized to access"];
        // "Unexpected response window" [seen]; the lock and deadlock wordings are assumptions (SQL Server's deadlock text).
        if (TransientMessages.Length == 0) TransientMessages = ["Unexpected response window", "locked by another user", "deadlock victim"];
        if (PermanentErrorMessages.Length == 0) PermanentErrorMessages = ["is not available or user does not have permission"];
    }
}

/// <summary>What the P21 service does with a value longer than its P21 column.</summary>
public enum OverLongValueRule
{
    /// <summary>Cut to the column's length (a warning names the field, what was sent and what was kept).</summary>
    Truncate,
    /// <summary>Fail the payment permanently with the field and its length.</summary>
    Refuse,
}
