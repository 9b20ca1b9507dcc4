using Payments.Persistence.Audit;

namespace Payments.Persistence.Tests.Audit;

[TestFixture]
public class When_deriving_audit_ids
{
    static readonly DateTimeOffset Received = new(2026, 12, 3, 20, 45, 12, 345, TimeSpan.Zero);

    [Test]
    public void Should_give_the_same_cause_at_the_same_moment_the_same_ids()
    {
        Assert.Multiple(() =>
        {
            Assert.That(AuditIds.ConversationOf("evt_1", Received), Is.EqualTo(AuditIds.ConversationOf("evt_1", Received.ToOffset(TimeSpan.FromHours(2)))),
                "a moment, whatever its offset");
            Assert.That(AuditIds.IntakeEntryOf("evt_1", Received), Is.EqualTo(AuditIds.IntakeEntryOf("evt_1", Received.AddTicks(9_999))),
                "the same millisecond is the same moment (a database keeps microseconds at best)");
            Assert.That(AuditIds.ConversationOf("evt_1", Received), Is.Not.EqualTo(AuditIds.IntakeEntryOf("evt_1", Received)));
            Assert.That(AuditIds.ConversationOf("evt_1", Received), Is.Not.EqualTo(AuditIds.ConversationOf("evt_2", Received)));
            Assert.That(AuditIds.ConversationOf("evt_1", Received), Is.Not.EqualTo(AuditIds.ConversationOf("evt_1", Received.AddMilliseconds(1))));
        });
    }

    [Test]
    public void Should_sort_time_ordered_ids_by_their_moment_as_the_database_sorts_them()
    {
        // uuid order in PostgreSQL (and the text form's order) is the order of the big-endian bytes.
        var random = new Random(7);
        var made = Enumerable.Range(0, 2_000)
            .Select(i => (At: Received.AddMilliseconds(i * 3), Id: AuditIds.IntakeEntryOf($"evt_{random.Next():x8}{random.Next():x8}", Received.AddMilliseconds(i * 3))))
            .ToList();

        var byId = made.OrderBy(m => m.Id.ToString(), StringComparer.Ordinal).Select(m => m.At);

        Assert.That(byId, Is.EqualTo(made.Select(m => m.At)));
    }

    [Test]
    public void Should_lay_a_time_ordered_id_out_as_an_rfc_9562_version_8_uuid_with_the_time_first()
    {
        var id = AuditIds.ConversationOf("evt_1", Received);

        Assert.Multiple(() =>
        {
            Assert.That(id.Version, Is.EqualTo(8));
            Assert.That(id.Variant, Is.InRange(8, 11), "RFC 9562 variant (10xx)");
            Assert.That(id.ToString("N")[..12], Is.EqualTo(Received.ToUnixTimeMilliseconds().ToString("x12")));
            Assert.That(AuditIds.ConversationOf("evt_1").Version, Is.EqualTo(5), "a cause without a stored moment keeps its name-based id");
        });
    }
}
