using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.Extensions.Configuration;
using Payments.Domain.Customers;
using Payments.Domain.Mappings;
using Payments.Domain.Subscriptions;
using Payments.Domain.Znode;

namespace Payments.Cli.Systems;

/// <summary>
/// Reads P21's customers and items for the operator's suggestions, read only, with the P21 service's settings (<c>P21:BaseUrl</c>,
/// <c>P21:Username</c>, <c>P21:Password</c>, <c>P21:CompanyId</c>): a token from <c>POST /api/security/token/v2</c>, then OData v4 table
/// queries (<c>customer</c>, <c>address</c>, <c>inv_mast</c>) page by page with <c>$top</c>/<c>$skip</c> (P21 sends no next link).
/// Why not the P21 service's client: its wiring is private to that web service (validated options for posting, a concurrency limiter
/// sized to P21's session pool, the UI-server router) and its row types carry only what posting needs (no mail address); a
/// one-shot command needs one token and two GETs, so it keeps its own small reader.
/// </summary>
public sealed class P21Reader(HttpClient http, string username, string password, string? companyId) : IP21Lookup
{
    const int PageSize = 500;
    string? _token;

    public static P21Reader FromConfiguration(IConfiguration configuration, HttpMessageHandler? handler = null)
    {
        var baseUrl = configuration["P21:BaseUrl"];
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri))
            throw new SystemReadException($"P21:BaseUrl is not an absolute URL of the P21 middleware (got '{baseUrl}')");
        var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        http.BaseAddress = new Uri(uri.ToString().TrimEnd('/') + "/");
        http.Timeout = TimeSpan.FromSeconds(60);
        return new P21Reader(http, configuration["P21:Username"] ?? "", configuration["P21:Password"] ?? "", configuration["P21:CompanyId"]);
    }

    /// <summary>P21's customers that are not deleted, with the e-mail and mail address of their address row (same id).</summary>
    public async Task<List<CustomerProfile>> CustomersAsync(CancellationToken cancellationToken)
    {
        var filter = "delete_flag ne 'Y'" + (string.IsNullOrWhiteSpace(companyId) ? "" : $" and company_id eq '{companyId.Replace("'", "''")}'");
        var customers = await TableAsync("customer", filter, "customer_id,customer_name", cancellationToken);
        var addresses = (await TableAsync("address", "delete_flag ne 'Y'",
                "id,mail_address1,mail_address2,mail_city,mail_state,mail_postal_code,mail_country,email_address", cancellationToken))
            .Where(a => Number(a, "id") is not null)
            .GroupBy(a => Number(a, "id")!.Value)
            .ToDictionary(g => g.Key, g => g.First());
        return customers.Where(c => Number(c, "customer_id") is not null).Select(c =>
        {
            var id = Number(c, "customer_id")!.Value;
            addresses.TryGetValue(id, out var a);
            StripeAddress? address = a.ValueKind == JsonValueKind.Object
                ? new StripeAddress
                {
                    Line1 = Text(a, "mail_address1"), Line2 = Text(a, "mail_address2"), City = Text(a, "mail_city"), State = Text(a, "mail_state"),
                    PostalCode = Text(a, "mail_postal_code"), Country = Text(a, "mail_country"),
                }
                : null;
            return new CustomerProfile(CustomerSystem.P21, id.ToString(System.Globalization.CultureInfo.InvariantCulture), Text(c, "customer_name"),
                a.ValueKind == JsonValueKind.Object ? Text(a, "email_address") : null, address);
        }).ToList();
    }

    /// <summary>The item master (items not deleted): id and description.</summary>
    public async Task<List<P21Item>> ItemsAsync(CancellationToken cancellationToken) =>
        (await TableAsync("inv_mast", "delete_flag ne 'Y'", "item_id,item_desc", cancellationToken))
        .Where(i => Text(i, "item_id") is not null)
        .Select(i => new P21Item(Text(i, "item_id")!, Text(i, "item_desc")))
        .ToList();

    /// <summary>
    /// <c>config validate</c>: which of these accounts <c>chart_of_accts</c> has (not deleted). Not filtered by company: the simulator keeps
    /// one, and a real installation's account numbers are checked for existence, which another company's same number would not mask often.
    /// </summary>
    public Task<IReadOnlySet<string>> ExistingAccountsAsync(IReadOnlyCollection<string> accounts, CancellationToken cancellationToken) =>
        ExistingAsync("chart_of_accts", "account_no", accounts, "delete_flag ne 'Y'", cancellationToken);

    /// <summary><c>config validate</c>: which of these items <c>inv_mast</c> has (not deleted).</summary>
    public Task<IReadOnlySet<string>> ExistingItemsAsync(IReadOnlyCollection<string> items, CancellationToken cancellationToken) =>
        ExistingAsync("inv_mast", "item_id", items, "delete_flag ne 'Y'", cancellationToken);

    /// <summary><c>config validate</c>: the period's <c>periods.period_closed</c>, or null without such a row.</summary>
    public async Task<bool?> IsPeriodClosedAsync(int yearForPeriod, int period, CancellationToken cancellationToken)
    {
        var filter = $"year_for_period eq {yearForPeriod} and period eq {period}";
        var rows = await LookupAsync(() => TableAsync("periods", filter, "year_for_period,period,period_closed", cancellationToken));
        return rows.Count == 0 ? null : rows.Any(r => string.Equals(Text(r, "period_closed"), "Y", StringComparison.OrdinalIgnoreCase));
    }

    async Task<IReadOnlySet<string>> ExistingAsync(string table, string column, IReadOnlyCollection<string> values, string filter, CancellationToken cancellationToken)
    {
        var found = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        // A bounded "or" of equalities per request: P21's OData has no documented "in" (docs/external-apis/p21.md).
        foreach (var batch in values.Chunk(20))
        {
            var any = string.Join(" or ", batch.Select(v => $"{column} eq '{Quoted(v)}'"));
            var rows = await LookupAsync(() => TableAsync(table, $"{filter} and ({any})", column, cancellationToken));
            found.UnionWith(rows.Select(r => Text(r, column)).OfType<string>());
        }
        return found;
    }

    static async Task<List<JsonElement>> LookupAsync(Func<Task<List<JsonElement>>> read)
    {
        try
        {
            return await read();
        }
        catch (SystemReadException e)
        {
            throw new P21UnreachableException(e.Message, e);
        }
    }

    static string Quoted(string value) => value.Replace("'", "''", StringComparison.Ordinal);

    async Task<List<JsonElement>> TableAsync(string table, string filter, string select, CancellationToken cancellationToken)
    {
        var rows = new List<JsonElement>();
        for (var skip = 0; ; skip += PageSize)
        {
            var path = $"odataservice/odata/table/{table}?$filter={Uri.EscapeDataString(filter)}&$select={select}&$top={PageSize}&$skip={skip}";
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(cancellationToken));
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var response = await SendAsync(request, table, cancellationToken);
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            if (!document.RootElement.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Array)
                throw new SystemReadException($"P21 table {table}: the answer has no OData 'value' list");
            var page = value.EnumerateArray().Select(e => e.Clone()).ToList();
            rows.AddRange(page);
            if (page.Count < PageSize) return rows;
        }
    }

    async Task<string> TokenAsync(CancellationToken cancellationToken)
    {
        if (_token is not null) return _token;
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/security/token/v2") { Content = JsonContent.Create(new { username, password }) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await SendAsync(request, "token", cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        // JSON, or the XML Token document older middleware sends when it ignores Accept.
        string? token;
        try
        {
            using var json = JsonDocument.Parse(body);
            token = json.RootElement.TryGetProperty("AccessToken", out var t) ? t.GetString() : null;
        }
        catch (JsonException)
        {
            token = XDocument.Parse(body).Descendants().FirstOrDefault(e => e.Name.LocalName == "AccessToken")?.Value;
        }
        return _token = string.IsNullOrWhiteSpace(token) ? throw new SystemReadException("P21's token reply carried no AccessToken") : token;
    }

    async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string what, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new SystemReadException($"P21 at {http.BaseAddress}: {e.Message}", e);
        }
        if (response.IsSuccessStatusCode) return response;
        var status = (int)response.StatusCode;
        response.Dispose();
        throw new SystemReadException(status is 401 or 403
            ? $"P21 refused the API credentials ({what}: {status}); check P21:Username and P21:Password"
            : $"P21 {what}: answered {status}");
    }

    static string? Text(JsonElement row, string name) =>
        row.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetString()) ? v.GetString()!.Trim() : null;

    static long? Number(JsonElement row, string name) =>
        row.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out var d) ? (long)d : null;
}
