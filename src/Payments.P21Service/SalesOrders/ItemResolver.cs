using Payments.Domain.P21;
using Payments.P21Service.Client;
using Payments.ServiceDefaults.Failures;

namespace Payments.P21Service.SalesOrders;

/// <summary>Maps SKUs to active P21 items (<c>inv_mast</c>). An unknown SKU is permanent: retrying will not make the item exist.</summary>
public sealed class ItemResolver(IP21Api api, TimeProvider time)
{
    /// <summary>P21's spelling of each requested item id (looked up case-insensitively, as P21's database compares).</summary>
    public async Task<IReadOnlyDictionary<string, ItemRow>> ResolveAsync(IReadOnlyCollection<string> itemIds, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, ItemRow>(StringComparer.OrdinalIgnoreCase);
        // "item_id in (…)" is silently ignored by P21 (every row comes back), so the ids are or-ed; chunks keep the URL short.
        foreach (var chunk in itemIds.Distinct(StringComparer.OrdinalIgnoreCase).Chunk(20))
        {
            var anyOf = string.Join(" or ", chunk.Select(id => "item_id eq " + P21Formats.ODataString(id)));
            var rows = await P21Failures.CallAsync("the item look-up",
                () => api.QueryItemsAsync($"({anyOf}) and delete_flag eq 'N'", "inv_mast_uid,item_id,item_desc,price1", null, cancellationToken), time, cancellationToken);
            foreach (var row in rows.Value) found[row.ItemId] = row;
        }

        var missing = itemIds.Where(id => !found.ContainsKey(id)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (missing.Count > 0)
            throw new PermanentFailureException(
                $"Not an active item in P21's item master (inv_mast): {string.Join(", ", missing.Select(m => "'" + m + "'"))}.", "P21");
        return found;
    }
}
