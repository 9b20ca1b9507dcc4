using System.Text.Json.Nodes;
using Payments.Simulators.Stripe.Api;
using Payments.Simulators.Stripe.Webhooks;

namespace Payments.Simulators.Stripe.Account;

/// <summary>
/// The simulated Stripe account: every object the fake created (charges, payment intents, customers, refunds, balance transactions,
/// payouts, events), the rules that keep them consistent (a charge's balance transaction and fee, cumulative refunds, payouts that
/// group the available balance), and the events that follow from each change. The HTTP resources, the control API and the C# API
/// all go through it. One lock (<see cref="Gate"/>, re-entrant) guards everything; reads return copies.
/// </summary>
public sealed partial class StripeAccount
{
    readonly Dictionary<string, JsonObject> _objects = new(StringComparer.Ordinal);
    readonly Dictionary<string, List<string>> _idsByType = new(StringComparer.Ordinal);
    readonly List<StripeWrite> _writes = [];
    readonly StripeApiFakeOptions _options;
    readonly IReadOnlyList<string> _settlementCurrencies;
    readonly IReadOnlyDictionary<string, decimal> _exchangeRates;
    readonly TimeProvider _time;
    (string RequestId, string? IdempotencyKey)? _origin;

    internal StripeAccount(StripeApiFakeOptions options, TimeProvider time)
    {
        _options = options;
        _settlementCurrencies = options.SettlementCurrencyCodes;
        _exchangeRates = options.ExchangeRateTable;
        _time = time;
        Webhooks = new StripeWebhookSender(this, options, time);
    }

    internal Lock Gate { get; } = new();

    /// <summary>Where events go, and how their deliveries went.</summary>
    public StripeWebhookSender Webhooks { get; }

    long Now => _time.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>A copy of the object with this id (any type), or null.</summary>
    public JsonObject? Get(string id)
    {
        lock (Gate) return Find(id)?.DeepClone().AsObject();
    }

    /// <summary>Copies of every object of one type (<c>charge</c>, <c>payment_intent</c>, <c>customer</c>, <c>refund</c>, <c>balance_transaction</c>, <c>payout</c>, <c>event</c>), newest first.</summary>
    public IReadOnlyList<JsonObject> List(string objectType)
    {
        lock (Gate) return [.. Newest(objectType).Select(o => o.DeepClone().AsObject())];
    }

    /// <summary>How many objects of each type exist.</summary>
    public IReadOnlyDictionary<string, int> Counts
    {
        get { lock (Gate) return _idsByType.ToDictionary(t => t.Key, t => t.Value.Count); }
    }

    /// <summary>Every POST whose change was applied, oldest first (<see cref="StripeWrite"/>).</summary>
    public IReadOnlyList<StripeWrite> Writes
    {
        get { lock (Gate) return [.. _writes]; }
    }

    /// <summary>Records an applied POST; callers hold <see cref="Gate"/>.</summary>
    internal void RecordWrite(string method, string path, string requestId, string? idempotencyKey) =>
        _writes.Add(new StripeWrite(_time.GetUtcNow(), method, path, requestId, idempotencyKey));

    /// <summary>While an API call runs (under <see cref="Gate"/>), the events it causes carry its request id and idempotency key.</summary>
    internal IDisposable BeginRequest(string requestId, string? idempotencyKey)
    {
        var previous = _origin;
        _origin = (requestId, idempotencyKey);
        return new Restore(() => _origin = previous);
    }

    /// <summary>The stored object (not a copy); callers hold <see cref="Gate"/>.</summary>
    internal JsonObject? Find(string id) => _objects.GetValueOrDefault(id);

    /// <summary>The stored object (not a copy) of <paramref name="type"/>, or Stripe's 404 for <paramref name="what"/>.</summary>
    internal JsonObject Require(string type, string id, string what, string param = "id") =>
        Find(id) is { } found && (string?)found["object"] == type && found["deleted"] is null ? found : throw StripeErrors.NoSuch(what, id, param);

    /// <summary>The stored objects of a type, newest first; callers hold <see cref="Gate"/>.</summary>
    internal IReadOnlyList<JsonObject> Newest(string type)
    {
        if (!_idsByType.TryGetValue(type, out var ids)) return [];
        var newest = new JsonObject[ids.Count];
        for (var i = 0; i < ids.Count; i++) newest[i] = _objects[ids[ids.Count - 1 - i]];
        return newest;
    }

    JsonObject Store(JsonObject obj)
    {
        var id = (string)obj["id"]!;
        var type = (string)obj["object"]!;
        if (_objects.TryAdd(id, obj))
        {
            if (!_idsByType.TryGetValue(type, out var ids)) _idsByType[type] = ids = [];
            ids.Add(id);
        }
        else _objects[id] = obj;
        return obj;
    }

    static JsonObject Copy(JsonObject obj) => obj.DeepClone().AsObject();

    static JsonObject Metadata(IEnumerable<KeyValuePair<string, string>>? entries) =>
        new(entries?.Where(e => e.Value.Length > 0).Select(e => KeyValuePair.Create(e.Key, (JsonNode?)JsonValue.Create(e.Value))) ?? []);

    sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}
