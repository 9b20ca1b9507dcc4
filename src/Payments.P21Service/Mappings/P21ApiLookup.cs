using Payments.Domain.Mappings;
using Payments.P21Service.Client;
using Payments.ServiceDefaults.Failures;

namespace Payments.P21Service.Mappings;

/// <summary>The mapping check's questions (<see cref="IP21Lookup"/>) through the service's own P21 client: OData, its token, its resilience.</summary>
public sealed class P21ApiLookup(IP21Api api, TimeProvider time) : IP21Lookup
{
    const int Batch = 20;

    public Task<IReadOnlySet<string>> ExistingAccountsAsync(IReadOnlyCollection<string> accounts, CancellationToken cancellationToken) =>
        ExistingAsync("account_no", accounts, async filter =>
            (await api.QueryChartOfAccountsAsync($"delete_flag ne 'Y' and ({filter})", "account_no", null, cancellationToken)).Value.Select(r => r.AccountNo),
            "the chart of accounts", cancellationToken);

    public Task<IReadOnlySet<string>> ExistingItemsAsync(IReadOnlyCollection<string> items, CancellationToken cancellationToken) =>
        ExistingAsync("item_id", items, async filter =>
            (await api.QueryItemsAsync($"delete_flag ne 'Y' and ({filter})", "item_id", null, cancellationToken)).Value.Select(r => r.ItemId),
            "the item master", cancellationToken);

    public async Task<bool?> IsPeriodClosedAsync(int yearForPeriod, int period, CancellationToken cancellationToken)
    {
        var rows = await AskAsync("the GL periods", () => api.QueryPeriodsAsync($"year_for_period eq {yearForPeriod} and period eq {period}",
            "year_for_period,period,period_closed", null, cancellationToken), cancellationToken);
        return rows.Value.Count == 0 ? null : rows.Value.Any(r => string.Equals(r.PeriodClosed, "Y", StringComparison.OrdinalIgnoreCase));
    }

    async Task<IReadOnlySet<string>> ExistingAsync(string column, IReadOnlyCollection<string> values, Func<string, Task<IEnumerable<string>>> query,
        string what, CancellationToken cancellationToken)
    {
        var found = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var batch in values.Chunk(Batch))
        {
            var filter = string.Join(" or ", batch.Select(v => $"{column} eq '{v.Replace("'", "''", StringComparison.Ordinal)}'"));
            found.UnionWith(await AskAsync(what, () => query(filter), cancellationToken));
        }
        return found;
    }

    /// <summary>Any failure to ask (down, refused, time-out after the client's retries) is "P21 unreachable", not a mapping problem.</summary>
    async Task<T> AskAsync<T>(string what, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await P21Failures.CallAsync($"the mapping check ({what})", call, time, cancellationToken);
        }
        catch (PermanentFailureException e)
        {
            throw new P21UnreachableException(e.Reason, e);
        }
        catch (TransientFailureException e)
        {
            throw new P21UnreachableException(e.Message, e);
        }
    }
}
