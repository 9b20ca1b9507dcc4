using System.Text.Json;
using Payments.Domain.Customers;

namespace Payments.Sagas.CustomerSync;

/// <summary>
/// The <c>Record</c> column: the domain <see cref="CustomerRecord"/> as plain JSON (enum names as text, stamps as their parts), so the CLI and the
/// console read it without the domain, and the saga restores it exactly (<see cref="CustomerRecord.Restore"/>).
/// </summary>
public sealed record CustomerRecordJson
{
    public const string Empty = """{"Applied":[],"Seen":[]}""";

    public List<AppliedFieldJson> Applied { get; init; } = [];
    public List<SeenFieldJson> Seen { get; init; } = [];

    public static string Write(CustomerRecord record) => JsonSerializer.Serialize(new CustomerRecordJson
    {
        Applied = [.. record.AppliedFields.Select(f => new AppliedFieldJson(f.Key.ToString(), f.Value.Value, f.Value.Source.ToString(),
            f.Value.Stamp.At, f.Value.Stamp.Version, f.Value.Stamp.Reference))],
        Seen = [.. record.SeenFields.Select(f => new SeenFieldJson(f.Key.System.ToString(), f.Key.Field.ToString(), f.Value.Value,
            f.Value.Stamp.At, f.Value.Stamp.Version, f.Value.Stamp.Reference))],
    });

    public static CustomerRecord Read(string json)
    {
        var stored = JsonSerializer.Deserialize<CustomerRecordJson>(json) ?? new CustomerRecordJson();
        return CustomerRecord.Restore(
            stored.Applied.Select(a => KeyValuePair.Create(Enum.Parse<CustomerField>(a.Field),
                new AppliedValue(a.Value, Enum.Parse<CustomerSystem>(a.Source), new SourceStamp(a.At, a.Version, a.Reference)))),
            stored.Seen.Select(s => KeyValuePair.Create((Enum.Parse<CustomerSystem>(s.System), Enum.Parse<CustomerField>(s.Field)),
                new SeenValue(s.Value, new SourceStamp(s.At, s.Version, s.Reference)))));
    }
}

/// <summary>A field as applied: its value, the system it came from and that system's stamp.</summary>
public sealed record AppliedFieldJson(string Field, string? Value, string Source, DateTimeOffset At, long? Version, string? Reference);

/// <summary>A field as one system last reported it.</summary>
public sealed record SeenFieldJson(string System, string Field, string? Value, DateTimeOffset At, long? Version, string? Reference);

/// <summary>One decision of the last merge (the <c>LastDecisions</c> column): what happened to the field and why, in words.</summary>
public sealed record CustomerDecisionJson(string Field, string Kind, string? From, string? To, string Reason)
{
    public static string Write(IEnumerable<FieldDecision> decisions) =>
        JsonSerializer.Serialize(decisions.Select(d => new CustomerDecisionJson(d.Field.ToString(), d.Kind.ToString(), d.From, d.To, d.Reason)).ToList());
}
