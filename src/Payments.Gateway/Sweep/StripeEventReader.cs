using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Stripe;

namespace Payments.Gateway.Sweep;

/// <summary>One Stripe object of a list, as raw JSON exactly as the API sent it, with its id and creation time.</summary>
public sealed record StripeListedObject(string Id, long Created, string Json)
{
    public DateTimeOffset CreatedAt => DateTimeOffset.FromUnixTimeSeconds(Created);
}

/// <summary>
/// Reads Stripe's lists (<c>/v1/events</c>, and for backfill <c>/v1/charges</c>, <c>/v1/refunds</c>, <c>/v1/disputes</c>,
/// <c>/v1/payouts</c>) page by page, newest first, through Stripe.net's client (its key, retries and errors). The objects are kept as
/// the raw JSON: the gateway stores and maps an event's body as Stripe wrote it, and Stripe.net's typed <c>Event</c> would drop every
/// field its version does not model (docs.stripe.com/api/events/list).
/// </summary>
public sealed class StripeEventReader(StripeClient client)
{
    /// <summary>Every object of <paramref name="path"/> (e.g. <c>/v1/events</c>) matching <paramref name="filters"/>, newest first, a page at a time.</summary>
    /// <param name="startingAfter">Go on after this object (a backfill resuming).</param>
    public async IAsyncEnumerable<IReadOnlyList<StripeListedObject>> PagesAsync(string path, IReadOnlyDictionary<string, string> filters, int pageSize,
        string? startingAfter = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var cursor = startingAfter;
        while (true)
        {
            var query = new StringBuilder(path).Append("?limit=").Append(pageSize.ToString(CultureInfo.InvariantCulture));
            foreach (var (key, value) in filters)
                query.Append('&').Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value));
            if (cursor is not null) query.Append("&starting_after=").Append(Uri.EscapeDataString(cursor));

            // Stripe's error answers come back as the SDK's StripeException, with Stripe's message (the key masked).
            var response = await client.RawRequestAsync(HttpMethod.Get, query.ToString(), cancellationToken: cancellationToken);
            using var document = JsonDocument.Parse(response.Content);
            var page = new List<StripeListedObject>();
            foreach (var item in document.RootElement.GetProperty("data").EnumerateArray())
            {
                var id = item.GetProperty("id").GetString() ?? throw new InvalidDataException($"A {path} item without an id.");
                var created = item.TryGetProperty("created", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetInt64() : 0;
                page.Add(new StripeListedObject(id, created, item.GetRawText()));
            }
            if (page.Count > 0) yield return page;
            if (page.Count == 0 || !document.RootElement.GetProperty("has_more").GetBoolean()) yield break;
            cursor = page[^1].Id;
        }
    }

    /// <summary>Events with the filters of <c>/v1/events</c>: <c>delivery_success</c>, <c>created[gte]</c>, <c>types[]</c>.</summary>
    public IAsyncEnumerable<IReadOnlyList<StripeListedObject>> EventPagesAsync(bool? deliverySuccess, DateTimeOffset? createdSince, int pageSize,
        IReadOnlyList<string>? types = null, string? startingAfter = null, CancellationToken cancellationToken = default)
    {
        var filters = new Dictionary<string, string>();
        if (deliverySuccess is { } delivered) filters["delivery_success"] = delivered ? "true" : "false";
        if (createdSince is { } since) filters["created[gte]"] = since.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var list = new List<KeyValuePair<string, string>>(filters);
        for (var i = 0; i < (types?.Count ?? 0); i++) list.Add(new($"types[{i}]", types![i]));
        return PagesAsync("/v1/events", list.ToDictionary(), pageSize, startingAfter, cancellationToken);
    }
}
