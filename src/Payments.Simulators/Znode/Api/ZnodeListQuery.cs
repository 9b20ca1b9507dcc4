using System.Globalization;

namespace Payments.Simulators.Znode.Api;

/// <summary>
/// Znode's list grammar (docs/external-apis/znode.md#list-queries): <c>filter=Name~op~value,Name2~op~value</c> (a comma inside a
/// value is sent as <c>^</c>), <c>sort=Name~asc|desc</c>, <c>page=index~N,size~M</c> (1-based; paging only when both are given).
/// Znode turns filters into a SQL <c>WHERE</c> clause for the list's stored procedure, so an unknown column or a value that does
/// not convert is a SQL error: 500 with the message and no error code.
/// </summary>
public sealed class ZnodeListQuery
{
    public IReadOnlyList<ZnodeFilter> Filters { get; private init; } = [];
    public IReadOnlyList<(string Column, bool Descending)> Sort { get; private init; } = [];
    public int? PageIndex { get; private init; }
    public int? PageSize { get; private init; }

    /// <summary>Operators of Znode's <c>FilterOperators</c>.</summary>
    public static readonly IReadOnlyList<string> Operators = ["eq", "ne", "cn", "ncn", "sw", "ew", "lk", "gt", "ge", "lt", "le", "in", "not in", "bw"];

    /// <summary>Parses the three parameters; a malformed one fails with <see cref="ZnodeQueryException"/>.</summary>
    public static ZnodeListQuery Parse(string? filter, string? sort, string? page)
    {
        var filters = new List<ZnodeFilter>();
        foreach (var item in Items(filter))
        {
            var parts = item.Split('~');
            if (parts.Length < 3 || parts[0].Trim().Length == 0)
                throw new ZnodeQueryException($"Filter '{item}' is not Name~operator~value.");
            var op = parts[1].Trim().ToLowerInvariant();
            if (!Operators.Contains(op))
                throw new ZnodeQueryException($"Filter operator '{parts[1]}' is not one of {string.Join(", ", Operators)}.");
            // The value may itself hold '~' (rare); '^' stands for a comma inside it.
            filters.Add(new ZnodeFilter(parts[0].Trim(), op, string.Join('~', parts[2..]).Replace('^', ',')));
        }

        var sorts = new List<(string, bool)>();
        foreach (var item in Items(sort))
        {
            var parts = item.Split('~');
            var direction = parts.Length > 1 ? parts[1].Trim().ToLowerInvariant() : "asc";
            if (parts[0].Trim().Length == 0 || direction is not ("asc" or "desc"))
                throw new ZnodeQueryException($"Sort '{item}' is not Name~asc or Name~desc.");
            sorts.Add((parts[0].Trim(), direction == "desc"));
        }

        int? index = null, size = null;
        foreach (var item in Items(page))
        {
            var parts = item.Split('~');
            if (parts.Length != 2 || !int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
                throw new ZnodeQueryException($"Page '{item}' is not index~N or size~M.");
            switch (parts[0].Trim().ToLowerInvariant())
            {
                case "index": index = number; break;
                case "size": size = number; break;
                default: throw new ZnodeQueryException($"Page '{item}' is not index~N or size~M.");
            }
        }
        var paged = index is not null && size is > 0;
        return new ZnodeListQuery
        {
            Filters = filters,
            Sort = sorts,
            PageIndex = paged ? Math.Max(1, index!.Value) : null,
            PageSize = paged ? size : null,
        };
    }

    /// <summary>Filters, sorts (default: <paramref name="defaultSort"/>) and pages <paramref name="rows"/>; returns the page and the total.</summary>
    public (IReadOnlyList<T> Page, int Total) Apply<T>(IEnumerable<T> rows, IReadOnlyDictionary<string, Func<T, object?>> columns, (string Column, bool Descending) defaultSort)
    {
        var filtered = rows.Where(row => Filters.All(f => f.Matches(Column(columns, f.Column)(row)))).ToList();
        var sorts = Sort.Count == 0 ? [defaultSort] : Sort;
        IOrderedEnumerable<T>? ordered = null;
        foreach (var (column, descending) in sorts)
        {
            var key = Column(columns, column);
            ordered = ordered is null
                ? descending ? filtered.OrderByDescending(key, ValueComparer.Instance) : filtered.OrderBy(key, ValueComparer.Instance)
                : descending ? ordered.ThenByDescending(key, ValueComparer.Instance) : ordered.ThenBy(key, ValueComparer.Instance);
        }
        var all = ordered!.ToList();
        if (PageIndex is not { } index || PageSize is not { } size) return (all, all.Count);
        return (all.Skip((index - 1) * size).Take(size).ToList(), all.Count);
    }

    static Func<T, object?> Column<T>(IReadOnlyDictionary<string, Func<T, object?>> columns, string name) =>
        columns.FirstOrDefault(c => string.Equals(c.Key, name, StringComparison.OrdinalIgnoreCase)).Value
        ?? throw new ZnodeQueryException($"Invalid column name '{name}'.");

    static IEnumerable<string> Items(string? value) =>
        string.IsNullOrWhiteSpace(value) ? [] : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>SQL Server's ordering: nulls first, strings without regard to case.</summary>
    sealed class ValueComparer : IComparer<object?>
    {
        public static readonly ValueComparer Instance = new();

        public int Compare(object? x, object? y) => (x, y) switch
        {
            (null, null) => 0,
            (null, _) => -1,
            (_, null) => 1,
            (string a, string b) => string.Compare(a, b, StringComparison.OrdinalIgnoreCase),
            (IComparable a, _) => a.CompareTo(y),
            _ => 0,
        };
    }
}

/// <summary>One <c>Name~op~value</c> filter.</summary>
public sealed record ZnodeFilter(string Column, string Operator, string Value)
{
    /// <summary>Whether a column value passes; the value is converted to the column's type as SQL Server would, or the query fails.</summary>
    public bool Matches(object? actual)
    {
        switch (Operator)
        {
            case "in":
            case "not in":
                var any = Value.Split(',').Select(v => v.Trim().Trim('\'')).Any(v => Compare(actual, v) == 0);
                return Operator == "in" ? any : !any;
            case "bw":
                var bounds = Value.Split(" and ", 2, StringSplitOptions.TrimEntries);
                if (bounds.Length != 2) throw new ZnodeQueryException($"Filter value '{Value}' of bw is not 'low and high'.");
                return actual is not null && Compare(actual, bounds[0].Trim('\'')) >= 0 && Compare(actual, bounds[1].Trim('\'')) <= 0;
        }
        if (Operator is "cn" or "ncn" or "sw" or "ew" or "lk")
        {
            var text = Convert.ToString(actual, CultureInfo.InvariantCulture) ?? "";
            return Operator switch
            {
                "cn" or "lk" => text.Contains(Value, StringComparison.OrdinalIgnoreCase),
                "ncn" => !text.Contains(Value, StringComparison.OrdinalIgnoreCase),
                "sw" => text.StartsWith(Value, StringComparison.OrdinalIgnoreCase),
                _ => text.EndsWith(Value, StringComparison.OrdinalIgnoreCase),
            };
        }
        if (actual is null) return false; // SQL: a comparison with NULL is not true
        var order = Compare(actual, Value);
        return Operator switch
        {
            "eq" => order == 0,
            "ne" => order != 0,
            "gt" => order > 0,
            "ge" => order >= 0,
            "lt" => order < 0,
            _ => order <= 0,
        };
    }

    static int Compare(object? actual, string value) => actual switch
    {
        null => -1,
        DateTime date => date.CompareTo(ParseDate(value)),
        int number => ((decimal)number).CompareTo(ParseNumber(value)),
        long number => ((decimal)number).CompareTo(ParseNumber(value)),
        decimal number => number.CompareTo(ParseNumber(value)),
        _ => string.Compare(Convert.ToString(actual, CultureInfo.InvariantCulture), value, StringComparison.OrdinalIgnoreCase),
    };

    /// <summary>The clock time as written, any zone designator ignored (SQL Server's <c>datetime</c> has none).</summary>
    static DateTime ParseDate(string value) =>
        DateTimeOffset.TryParse(value.Trim('\''), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed.DateTime
            : throw new ZnodeQueryException("Conversion failed when converting date and/or time from character string.");

    static decimal ParseNumber(string value) =>
        decimal.TryParse(value.Trim('\''), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw new ZnodeQueryException("Error converting data type nvarchar to numeric.");
}

/// <summary>A list query Znode's database would refuse; answered as Znode answers an unexpected exception (500, no error code).</summary>
public sealed class ZnodeQueryException(string message) : Exception(message);
