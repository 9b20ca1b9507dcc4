using System.Security.Cryptography;
using System.Text;

namespace Payments.Persistence.Audit;

/// <summary>
/// Ids derived from a cause (a Stripe event id, <c>znode-order:1001</c>): the conversation its messages carry and the id of its intake
/// entry are the same for every sighting of it (a redelivered webhook, a second poll), so the intake is recorded once and each write
/// finds it. Name-based UUIDs (RFC 9562, version 5 layout) under fixed namespaces; where the cause's moment is stored with it, also
/// time-ordered (version 8 layout).
/// </summary>
public static class AuditIds
{
    static readonly Guid ConversationNamespace = new("0c2f7d4e-58b1-4f0e-9d57-7a3c1e2b6f41");
    static readonly Guid IntakeEntryNamespace = new("a6b9e3d2-1f4c-4c8a-8e6d-2b5f7c9a0d13");

    /// <summary>The ConversationId of every message published for <paramref name="cause"/> (and so of every write that follows).</summary>
    public static Guid ConversationOf(string cause) => NameBased(ConversationNamespace, cause);

    /// <summary>The id of <paramref name="cause"/>'s intake entry.</summary>
    public static Guid IntakeEntryOf(string cause) => NameBased(IntakeEntryNamespace, cause);

    /// <summary>
    /// <see cref="ConversationOf(string)"/> for a cause whose moment is fixed once and stored with it (a Stripe event's record's
    /// <c>ReceivedAt</c>): the same cause and moment give the same id, and ids sort by that moment (<see cref="TimeOrdered"/>).
    /// </summary>
    public static Guid ConversationOf(string cause, DateTimeOffset at) => TimeOrdered(ConversationNamespace, cause, at);

    /// <summary><see cref="IntakeEntryOf(string)"/> for a cause whose moment is fixed once and stored with it, time-ordered.</summary>
    public static Guid IntakeEntryOf(string cause, DateTimeOffset at) => TimeOrdered(IntakeEntryNamespace, cause, at);

    /// <summary>
    /// A name-based id that sorts by <paramref name="at"/>: the first 48 bits are its Unix time in milliseconds (as in version 7), the
    /// other 74 the name's hash, in RFC 9562's version 8 (custom) layout. An index of such ids grows at one end, as one of
    /// <see cref="Guid.CreateVersion7()"/> does, where a purely name-based id takes each new row on a random page of a day's index.
    /// </summary>
    static Guid TimeOrdered(Guid ns, string name, DateTimeOffset at)
    {
        Span<byte> bytes = stackalloc byte[16];
        NameBased(ns, name).TryWriteBytes(bytes, bigEndian: true, out _);
        var milliseconds = at.ToUnixTimeMilliseconds();
        for (var i = 0; i < 6; i++)
            bytes[i] = (byte)(milliseconds >> (8 * (5 - i)));
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    static Guid NameBased(Guid ns, string name)
    {
        Span<byte> input = stackalloc byte[16 + Encoding.UTF8.GetByteCount(name)];
        ns.TryWriteBytes(input[..16], bigEndian: true, out _);
        Encoding.UTF8.GetBytes(name, input[16..]);
        Span<byte> hash = stackalloc byte[20];
        SHA1.HashData(input, hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}
