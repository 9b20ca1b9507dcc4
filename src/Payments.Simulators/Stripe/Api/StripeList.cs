using System.Text.Json.Nodes;

namespace Payments.Simulators.Stripe.Api;

/// <summary>
/// Stripe's cursor pagination (docs.stripe.com/api/pagination): objects newest first; <c>limit</c> 1–100 (default 10);
/// <c>starting_after=id</c> gives the objects older than <c>id</c>, <c>ending_before=id</c> the ones just newer than it (still newest
/// first, as Stripe.net's backward auto-paging expects); <c>has_more</c> says whether more lie beyond the page in that direction.
/// <c>created</c> filters as Stripe does (<c>created=t</c> or <c>created[gt|gte|lt|lte]=t</c>).
/// </summary>
public static class StripeList
{
    /// <summary>The list parameters every list call accepts.</summary>
    public static readonly string[] Parameters = ["limit", "starting_after", "ending_before", "expand", "created"];

    public static JsonObject Page(IEnumerable<JsonObject> newestFirst, StripeParameters parameters, string url, string objectName)
    {
        var limit = (int)(parameters.Long("limit", 1, 100) ?? 10);
        var startingAfter = parameters.String("starting_after");
        var endingBefore = parameters.String("ending_before");
        if (startingAfter is not null && endingBefore is not null)
            throw StripeErrors.Invalid("ending_before", "You may only specify one of these parameters: ending_before, starting_after.");

        // A list that knows where its objects are is paged in place; any other is read into a list first (O(n) per page).
        IReadOnlyList<JsonObject> all;
        Func<string, int> indexOf;
        if (newestFirst is NewestFirstList indexed && !parameters.Has("created"))
        {
            all = indexed;
            indexOf = indexed.IndexOf;
        }
        else
        {
            var list = Created(newestFirst, parameters).ToList();
            all = list;
            indexOf = id => list.FindIndex(o => (string?)o["id"] == id);
        }

        int from, to;
        bool hasMore;
        if (startingAfter is not null)
        {
            from = IndexOf(indexOf, startingAfter, "starting_after", objectName) + 1;
            to = Math.Min(all.Count, from + limit);
            hasMore = all.Count > to;
        }
        else if (endingBefore is not null)
        {
            to = IndexOf(indexOf, endingBefore, "ending_before", objectName);
            from = Math.Max(0, to - limit);
            hasMore = from > 0;
        }
        else
        {
            from = 0;
            to = Math.Min(all.Count, limit);
            hasMore = all.Count > limit;
        }

        var data = new JsonArray();
        for (var i = from; i < to; i++) data.Add(all[i].DeepClone());
        return new JsonObject
        {
            ["object"] = "list",
            ["data"] = data,
            ["has_more"] = hasMore,
            ["url"] = url,
        };
    }

    static int IndexOf(Func<string, int> indexOf, string id, string param, string objectName)
    {
        var index = indexOf(id);
        // Stripe answers a cursor it does not know as a missing object of the listed kind [inferred status].
        return index >= 0 ? index : throw StripeErrors.NoSuch(objectName, id, param);
    }

    static IEnumerable<JsonObject> Created(IEnumerable<JsonObject> objects, StripeParameters parameters)
    {
        if (parameters.String("created") is not null)
        {
            var exact = parameters.Long("created");
            return objects.Where(o => (long?)o["created"] == exact);
        }
        if (parameters.Hash("created", out _) is not { } bounds) return objects;
        foreach (var (op, _) in bounds)
            if (op is not ("gt" or "gte" or "lt" or "lte")) throw StripeErrors.UnknownParameter($"created[{op}]");
        long? Bound(string op) => parameters.Long($"created[{op}]");
        var (gt, gte, lt, lte) = (Bound("gt"), Bound("gte"), Bound("lt"), Bound("lte"));
        return objects.Where(o =>
        {
            var created = (long?)o["created"] ?? 0;
            return (gt is null || created > gt) && (gte is null || created >= gte) && (lt is null || created < lt) && (lte is null || created <= lte);
        });
    }
}
