using System.Text.Json;
using Payments.ZnodeService.Data;

namespace Payments.ZnodeService.CustomerSync;

/// <summary>The per-field revisions of a <see cref="CustomerLink"/> row (JSON <c>{ "&lt;field&gt;": &lt;revision&gt; }</c>).</summary>
public static class CustomerLinks
{
    public static Dictionary<string, long> Revisions(this CustomerLink link) =>
        string.IsNullOrWhiteSpace(link.FieldRevisions)
            ? []
            : JsonSerializer.Deserialize<Dictionary<string, long>>(link.FieldRevisions) ?? [];

    /// <summary>Records that <paramref name="fields"/> were written at <paramref name="revision"/> (a field never goes back to a lower one).</summary>
    public static void Wrote(this CustomerLink link, IEnumerable<string> fields, long revision)
    {
        var revisions = link.Revisions();
        foreach (var field in fields)
            revisions[field] = revisions.TryGetValue(field, out var stored) ? Math.Max(stored, revision) : revision;
        link.FieldRevisions = JsonSerializer.Serialize(new SortedDictionary<string, long>(revisions, StringComparer.Ordinal));
    }
}
