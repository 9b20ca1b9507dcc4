using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Payments.Simulators.P21.Store;

namespace Payments.Simulators.P21.OData;

/// <summary>Runs one OData v4 table query: <c>$filter $select $orderby $top $skip $count</c>; all matching rows, no server paging, no nextLink (as P21).</summary>
public static class ODataQuery
{
    static readonly HashSet<string> Supported = ["$filter", "$select", "$orderby", "$top", "$skip", "$count", "$format"];

    public static async Task WriteAsync(HttpContext http, ODataTable table, P21Store store, string baseUrl)
    {
        var query = http.Request.Query;
        foreach (var key in query.Keys)
            if (key.StartsWith('$') && !Supported.Contains(key))
                throw ODataException.BadRequest($"The query parameter '{key}' is not supported."); // e.g. $expand [inferred message]

        FilterNode? filter = null;
        if (query.TryGetValue("$filter", out var filterText) && !string.IsNullOrWhiteSpace(filterText))
        {
            filter = ODataFilterParser.Parse(filterText.ToString());
            ODataFilterEvaluator.Validate(filter, table);
        }

        var select = ParseSelect(query["$select"].ToString(), table);
        var orderBy = ParseOrderBy(query["$orderby"].ToString(), table);
        var top = ParseCount(query, "$top");
        var skip = ParseCount(query, "$skip");
        var withCount = string.Equals(query["$count"].ToString(), "true", StringComparison.OrdinalIgnoreCase);

        var rows = table.Candidates(store, filter).Where(r => filter is null || ODataFilterEvaluator.Matches(filter, r)).ToList();
        var total = rows.Count;
        IEnumerable<IReadOnlyDictionary<string, object?>> page = rows;
        if (orderBy.Count > 0) page = Order(rows, orderBy);
        if (skip is { } s) page = page.Skip(s);
        if (top is { } t) page = page.Take(t);

        http.Response.StatusCode = 200;
        http.Response.Headers["OData-Version"] = "4.0";
        http.Response.ContentType = "application/json; odata.metadata=minimal; odata.streaming=true";
        await using var json = new Utf8JsonWriter(http.Response.Body);
        json.WriteStartObject();
        var context = $"{baseUrl}/odataservice/odata/table/$metadata#{table.Name}";
        if (select.Count != table.Columns.Count) context += "(" + string.Join(",", select.Select(c => c.Name)) + ")";
        json.WriteString("@odata.context", context);
        if (withCount) json.WriteNumber("@odata.count", total);
        json.WriteStartArray("value");
        foreach (var row in page)
        {
            json.WriteStartObject();
            foreach (var column in select) WriteValue(json, column.Name, row[column.Name]);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(http.RequestAborted);
    }

    static IReadOnlyList<ODataColumn> ParseSelect(string text, ODataTable table)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Trim() == "*") return table.Columns;
        // An unknown $select column is a 404 with an empty body on P21.
        return text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(name => table.Column(name) ?? throw ODataException.NotFound())
            .ToList();
    }

    static List<(ODataColumn Column, bool Descending)> ParseOrderBy(string text, ODataTable table)
    {
        var result = new List<(ODataColumn, bool)>();
        if (string.IsNullOrWhiteSpace(text)) return result;
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var words = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var column = table.Column(words[0]) ?? throw ODataException.NotFound($"Could not find a property named '{words[0]}' on type '{table.EntityType}'.");
            var descending = words.Length > 1 && words[1] == "desc";
            if (words.Length > 2 || (words.Length == 2 && words[1] is not ("asc" or "desc")))
                throw ODataException.BadRequest($"Syntax error in $orderby: '{part}'.");
            result.Add((column, descending));
        }
        return result;
    }

    static IEnumerable<IReadOnlyDictionary<string, object?>> Order(List<IReadOnlyDictionary<string, object?>> rows, List<(ODataColumn Column, bool Descending)> orderBy)
    {
        IOrderedEnumerable<IReadOnlyDictionary<string, object?>>? ordered = null;
        foreach (var (column, descending) in orderBy)
        {
            Func<IReadOnlyDictionary<string, object?>, object?> key = r => r[column.Name];
            ordered = ordered is null
                ? descending ? rows.OrderByDescending(key, ValueComparer.Instance) : rows.OrderBy(key, ValueComparer.Instance)
                : descending ? ordered.ThenByDescending(key, ValueComparer.Instance) : ordered.ThenBy(key, ValueComparer.Instance);
        }
        return ordered!;
    }

    static int? ParseCount(IQueryCollection query, string name)
    {
        if (!query.TryGetValue(name, out var raw) || string.IsNullOrWhiteSpace(raw)) return null;
        if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            throw ODataException.BadRequest($"Invalid value '{raw}' for {name}.");
        return value;
    }

    static void WriteValue(Utf8JsonWriter json, string name, object? value)
    {
        switch (value)
        {
            case null: json.WriteNull(name); break;
            case string s: json.WriteString(name, s); break;
            case decimal d: json.WriteNumber(name, d); break;
            case int i: json.WriteNumber(name, i); break;
            case bool b: json.WriteBoolean(name, b); break;
            // SQL datetime columns carry no zone; written as the ERP's local time without an offset [inferred].
            case DateTime t: json.WriteString(name, t.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)); break;
            default: json.WriteString(name, Convert.ToString(value, CultureInfo.InvariantCulture)); break;
        }
    }

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
