using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Payments.Domain.Customers;
using Payments.Domain.Mappings;
using Payments.Domain.Znode;

namespace Payments.Cli.Systems;

/// <summary>
/// Reads Znode's customer accounts for the operator's suggestions, read only, with the Znode service's settings (<c>Znode:BaseUrl</c>,
/// <c>Znode:DomainName</c>, <c>Znode:ApiKey</c>; Basic <c>domain|key</c>). The list route is Znode's admin customer list,
/// <c>GET customeraccount/list/{loggedUserAccountId}</c> with <c>page=index~N,size~M</c> (1-based) answering
/// <c>{"Users":[UserModel]}</c> (or under <c>UserList</c>); which account id the admin list wants is [inferred], so it is
/// configurable: <c>Znode:Accounts:ListRoute</c> (default <c>customeraccount/list/0</c>). Each user's default billing address
/// (<c>Addresses[].IsDefaultBilling</c>) is its address. The Znode service's client has no user list (it polls orders and
/// returns), so this small reader is the command's own.
/// </summary>
public sealed class ZnodeReader(HttpClient http, string listRoute) : IZnodeStateLookup
{
    const int PageSize = 200;

    public static ZnodeReader FromConfiguration(IConfiguration configuration, HttpMessageHandler? handler = null)
    {
        var baseUrl = configuration["Znode:BaseUrl"];
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri))
            throw new SystemReadException($"Znode:BaseUrl is not an absolute URL of the Znode API site (got '{baseUrl}')");
        var domain = configuration["Znode:DomainName"] ?? "";
        var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        http.BaseAddress = new Uri(uri.ToString().TrimEnd('/') + "/");
        http.Timeout = TimeSpan.FromSeconds(60);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{domain}|{configuration["Znode:ApiKey"]}")));
        http.DefaultRequestHeaders.TryAddWithoutValidation("Znode-DomainName", domain);
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return new ZnodeReader(http, configuration["Znode:Accounts:ListRoute"] is { Length: > 0 } route ? route.Trim('/') : "customeraccount/list/0");
    }

    /// <summary>Every registered (not guest) user, with e-mail, name (company, else first and last) and default billing address.</summary>
    public async Task<List<CustomerProfile>> CustomersAsync(CancellationToken cancellationToken)
    {
        var customers = new List<CustomerProfile>();
        for (var page = 1; ; page++)
        {
            HttpResponseMessage response;
            try
            {
                response = await http.GetAsync($"{listRoute}?page=index~{page},size~{PageSize}", cancellationToken);
            }
            catch (HttpRequestException e)
            {
                throw new SystemReadException($"Znode at {http.BaseAddress}: {e.Message}", e);
            }
            using (response)
            {
                if (response.StatusCode == System.Net.HttpStatusCode.NoContent) return customers;
                if (!response.IsSuccessStatusCode)
                    throw new SystemReadException($"Znode {listRoute}: answered {(int)response.StatusCode}" +
                                                  (response.StatusCode is System.Net.HttpStatusCode.Unauthorized ? " (check Znode:DomainName and Znode:ApiKey)" : ""));
                using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
                var root = document.RootElement;
                var users = root.TryGetProperty("Users", out var u) ? u
                    : root.TryGetProperty("UserList", out var list) && list.TryGetProperty("Users", out var inner) ? inner : default;
                if (users.ValueKind != JsonValueKind.Array) return customers;
                var count = 0;
                foreach (var user in users.EnumerateArray())
                {
                    count++;
                    if (Bool(user, "IsGuestUser") == true || Int(user, "UserId") is not { } userId) continue;
                    var name = Text(user, "CompanyName") ?? Text(user, "FullName") ?? string.Join(' ', new[] { Text(user, "FirstName"), Text(user, "LastName") }.Where(s => s is not null));
                    customers.Add(new CustomerProfile(CustomerSystem.Znode, userId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        string.IsNullOrWhiteSpace(name) ? null : name, Text(user, "Email") ?? Text(user, "UserName"), BillingAddress(user)));
                }
                var totalPages = root.TryGetProperty("TotalPages", out var tp) && tp.ValueKind == JsonValueKind.Number ? tp.GetInt32() : (int?)null;
                if (count < PageSize || totalPages is { } t && page >= t) return customers;
            }
        }
    }

    static StripeAddress? BillingAddress(JsonElement user)
    {
        if (!user.TryGetProperty("Addresses", out var addresses) || addresses.ValueKind != JsonValueKind.Array) return null;
        var billing = addresses.EnumerateArray().FirstOrDefault(a => Bool(a, "IsDefaultBilling") == true);
        if (billing.ValueKind != JsonValueKind.Object) return null;
        return StripeAddressFolding.FromZnode(new ZnodeAddressParts
        {
            Address1 = Text(billing, "Address1"), Address2 = Text(billing, "Address2"), Address3 = Text(billing, "Address3"),
            CityName = Text(billing, "CityName"), StateName = Text(billing, "StateCode") ?? Text(billing, "StateName"),
            PostalCode = Text(billing, "PostalCode"), CountryName = Text(billing, "CountryCode") ?? Text(billing, "CountryName"),
        }).Address;
    }

    /// <summary>
    /// Znode's three state tables, for <c>payments config validate</c>: <c>orderstate/list</c> (the rows that are order states),
    /// <c>orders/getpaymentstatelist</c> and <c>rmareturn/getreturnstatuslist</c>, the calls the Znode service's client makes.
    /// </summary>
    public async Task<ZnodeStateTables> ReadStatesAsync(CancellationToken cancellationToken)
    {
        var orders = await StateNamesAsync("orderstate/list", "OrderStates", "OrderStateName", s => Bool(s, "IsOrderState") != false, cancellationToken);
        var payments = await StateNamesAsync("orders/getpaymentstatelist", "PaymentStateList", "Name", _ => true, cancellationToken);
        var returns = await StateNamesAsync("rmareturn/getreturnstatuslist", "ReturnStates", "ReturnStateName", _ => true, cancellationToken);
        return new ZnodeStateTables(orders, payments, returns);
    }

    async Task<List<string>> StateNamesAsync(string route, string list, string name, Func<JsonElement, bool> take, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(route, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new ZnodeUnreachableException($"Znode at {http.BaseAddress}: {e.Message}", e);
        }
        using (response)
        {
            if (response.StatusCode == System.Net.HttpStatusCode.NoContent) return [];
            if (!response.IsSuccessStatusCode)
                throw new ZnodeUnreachableException($"Znode {route}: answered {(int)response.StatusCode}" +
                                                    (response.StatusCode is System.Net.HttpStatusCode.Unauthorized ? " (check Znode:DomainName and Znode:ApiKey)" : ""));
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            return document.RootElement.TryGetProperty(list, out var rows) && rows.ValueKind == JsonValueKind.Array
                ? [.. rows.EnumerateArray().Where(take).Select(r => Text(r, name)).OfType<string>()]
                : [];
        }
    }

    static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetString()) ? v.GetString()!.Trim() : null;

    static int? Int(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) ? n : null;

    static bool? Bool(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : null;
}
