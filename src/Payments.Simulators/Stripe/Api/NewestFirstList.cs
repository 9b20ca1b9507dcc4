using System.Collections;
using System.Text.Json.Nodes;

namespace Payments.Simulators.Stripe.Api;

/// <summary>
/// Objects kept in the order they were added and read newest first, that know where each one is: a cursor page
/// (<c>starting_after</c>, <c>ending_before</c>) starts at its object without scanning the list, so walking a list of n objects
/// page by page costs O(n) in all rather than O(n) per page.
/// </summary>
public sealed class NewestFirstList : IReadOnlyList<JsonObject>
{
    readonly List<JsonObject> _oldestFirst = [];
    readonly Dictionary<string, int> _positions = new(StringComparer.Ordinal);

    public int Count => _oldestFirst.Count;

    /// <summary>The object at <paramref name="index"/> counted from the newest.</summary>
    public JsonObject this[int index] => _oldestFirst[_oldestFirst.Count - 1 - index];

    /// <summary>Adds an object (by its <c>id</c>) as the newest; an id already held is not added again.</summary>
    public void Add(JsonObject obj)
    {
        var id = (string)obj["id"]!;
        if (_positions.TryAdd(id, _oldestFirst.Count)) _oldestFirst.Add(obj);
    }

    /// <summary>Where the object with this id is, counted from the newest; -1 when it is not here.</summary>
    public int IndexOf(string id) => _positions.TryGetValue(id, out var position) ? _oldestFirst.Count - 1 - position : -1;

    public IEnumerator<JsonObject> GetEnumerator()
    {
        for (var i = _oldestFirst.Count - 1; i >= 0; i--) yield return _oldestFirst[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
