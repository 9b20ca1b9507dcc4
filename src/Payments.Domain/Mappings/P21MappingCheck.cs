using Payments.Domain.P21;

namespace Payments.Domain.Mappings;

/// <summary>
/// Checks mapped values against the live P21 (<see cref="IP21Lookup"/>): every GL account in the chart of accounts, every item in the item
/// master, and the current GL period open. One line per problem, naming the setting, the value and what is wrong, the same lines for
/// <c>payments config validate</c> and for a service that refuses to start.
/// </summary>
public static class P21MappingCheck
{
    /// <summary>Today's GL period as the P21 service computes a journal's: the day in <c>P21:ErpTimeZone</c>, the fiscal year from <c>P21:Journals:FiscalYearStartMonth</c>.</summary>
    public static GlPeriod CurrentPeriod(DateTimeOffset now, string? erpTimeZone, int fiscalYearStartMonth)
    {
        var zone = string.IsNullOrWhiteSpace(erpTimeZone) ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(erpTimeZone);
        return GlPeriod.For(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime), fiscalYearStartMonth is >= 1 and <= 12 ? fiscalYearStartMonth : 1);
    }

    public static async Task<IReadOnlyList<string>> CheckAsync(IReadOnlyList<MappedValue> mapped, IP21Lookup lookup, GlPeriod current,
        CancellationToken cancellationToken = default)
    {
        var problems = new List<string>();
        var accounts = mapped.Where(m => m.Kind == MappedKind.GlAccount).ToList();
        if (accounts.Count > 0)
        {
            var found = await lookup.ExistingAccountsAsync([.. accounts.Select(a => a.Value).Distinct(StringComparer.OrdinalIgnoreCase)], cancellationToken);
            problems.AddRange(accounts.Where(a => !found.Contains(a.Value, StringComparer.OrdinalIgnoreCase))
                .Select(a => $"{a.Key}: GL account '{a.Value}' is not in P21's chart of accounts"));
            var closed = await lookup.IsPeriodClosedAsync(current.YearForPeriod, current.Period, cancellationToken);
            if (closed is null)
                problems.Add($"GL period {current.Period} of {current.YearForPeriod} (today's) is not in P21's calendar: journals posted today would be refused");
            else if (closed.Value)
                problems.Add($"GL period {current.Period} of {current.YearForPeriod} (today's) is closed in P21: journals posted today would be refused");
        }
        var items = mapped.Where(m => m.Kind == MappedKind.P21Item).ToList();
        if (items.Count > 0)
        {
            var found = await lookup.ExistingItemsAsync([.. items.Select(i => i.Value).Distinct(StringComparer.OrdinalIgnoreCase)], cancellationToken);
            problems.AddRange(items.Where(i => !found.Contains(i.Value, StringComparer.OrdinalIgnoreCase))
                .Select(i => $"{i.Key}: item '{i.Value}' is not in P21's item master"));
        }
        return problems;
    }
}
