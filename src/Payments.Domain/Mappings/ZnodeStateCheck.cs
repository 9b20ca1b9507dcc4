namespace Payments.Domain.Mappings;

/// <summary>Znode's three state tables, by name, as the live installation has them (an installation may add and rename rows).</summary>
/// <param name="OrderStates">Names of <c>ZnodeOmsOrderState</c> rows that are order states (not only line-item states).</param>
public sealed record ZnodeStateTables(IReadOnlyList<string> OrderStates, IReadOnlyList<string> PaymentStates, IReadOnlyList<string> ReturnStates);

/// <summary>
/// What the state check asks the live Znode: the CLI through its own reader, the Znode service through its client. A failure to reach
/// Znode throws <see cref="ZnodeUnreachableException"/>: not a mapping problem (the service warns and starts; the CLI fails).
/// </summary>
public interface IZnodeStateLookup
{
    Task<ZnodeStateTables> ReadStatesAsync(CancellationToken cancellationToken);
}

/// <summary>Znode could not be asked (down, refused the key, answered nonsense): the message says which and why.</summary>
public sealed class ZnodeUnreachableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Checks every configured Znode state name (<see cref="ZnodeStateMappings"/>) against the live tables, without regard to case and
/// surrounding spaces, as Znode matches names; <c>CANCELED</c> and <c>CANCELLED</c> count as one (Znode renamed its row). One line per
/// problem, the same for <c>payments config validate</c> and for a Znode service that refuses to start.
/// </summary>
public static class ZnodeStateCheck
{
    public static IReadOnlyList<string> Check(IReadOnlyList<MappedZnodeState> mapped, ZnodeStateTables tables) =>
    [
        .. mapped.Where(m => !Contains(TableOf(tables, m.Table), m.Name))
            .Select(m => $"{m.Key}: '{m.Name}' is not a Znode {Describe(m.Table)} (Znode has {string.Join(", ", TableOf(tables, m.Table))})"),
    ];

    static IReadOnlyList<string> TableOf(ZnodeStateTables tables, ZnodeStateTable table) => table switch
    {
        ZnodeStateTable.OrderState => tables.OrderStates,
        ZnodeStateTable.PaymentState => tables.PaymentStates,
        _ => tables.ReturnStates,
    };

    static string Describe(ZnodeStateTable table) => table switch
    {
        ZnodeStateTable.OrderState => "order state",
        ZnodeStateTable.PaymentState => "payment state",
        _ => "return state",
    };

    static bool Contains(IReadOnlyList<string> names, string name) =>
        names.Any(n => Same(n, name)) || (IsCanceled(name) && names.Any(IsCanceled));

    static bool IsCanceled(string name) => Same(name, "CANCELED") || Same(name, "CANCELLED");

    static bool Same(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);
}
