namespace Payments.Domain.Mappings;

/// <summary>Which of Znode's state tables a configured name must be in.</summary>
public enum ZnodeStateTable
{
    /// <summary><c>ZnodeOmsOrderState</c> (<c>GET orderstate/list</c>), rows with <c>IsOrderState</c>.</summary>
    OrderState,
    /// <summary><c>ZnodeOmsPaymentState</c> (<c>GET orders/getpaymentstatelist</c>).</summary>
    PaymentState,
    /// <summary><c>ZnodeRmaReturnState</c> (<c>GET rmareturn/getreturnstatuslist</c>).</summary>
    ReturnState,
}

/// <summary>One Znode state name the Znode service is configured to read or write, with the setting that names it.</summary>
public sealed record MappedZnodeState(string Key, string Name, ZnodeStateTable Table);

/// <summary>
/// Every Znode state name the Znode service uses: the <c>Znode:Orders</c>, <c>Znode:Payments</c>, <c>Znode:Intake</c> and
/// <c>Znode:Returns</c> settings, with Znode's own names as defaults where the service has one. The defaults live here so that the service's
/// options and <c>payments config validate</c> (which reads the configuration without the service) agree.
/// </summary>
public static class ZnodeStateMappings
{
    public const string CanceledOrderState = "CANCELED";
    public const string CapturedStatus = "CAPTURED";
    public const string DeclinedStatus = "DECLINED";
    public const string RefundedStatus = "REFUNDED";
    public const string PartiallyRefundedStatus = "PARTIALLY REFUNDED";
    public const string RefundProcessedState = "REFUND PROCESSED";
    public static IReadOnlyList<string> AwaitingPaymentStatuses { get; } = ["PENDING"];
    public static IReadOnlyList<string> ApprovedReturnStates { get; } = ["APPROVED", "PARTIALLY APPROVED"];

    /// <summary>The names from the configuration's keys (<c>Section:Key</c> or <c>Section:Key:N</c> for lists), defaults where a key is absent.</summary>
    public static IReadOnlyList<MappedZnodeState> From(IEnumerable<KeyValuePair<string, string?>> configuration)
    {
        var settings = configuration.Where(p => p.Key.StartsWith("Znode:", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(p.Value))
            .GroupBy(p => p.Key, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().Value!.Trim(), StringComparer.OrdinalIgnoreCase);
        var mapped = new List<MappedZnodeState>();

        void One(string key, string? fallback, ZnodeStateTable table)
        {
            var name = settings.GetValueOrDefault(key) ?? fallback;
            if (!string.IsNullOrWhiteSpace(name))
                mapped.Add(new MappedZnodeState(key, name, table));
        }

        void Many(string key, IReadOnlyList<string> fallback, ZnodeStateTable table)
        {
            var listed = settings.Where(s => s.Key.StartsWith(key + ":", StringComparison.OrdinalIgnoreCase)).OrderBy(s => s.Key, StringComparer.Ordinal).ToList();
            if (listed.Count == 0)
                mapped.AddRange(fallback.Select((name, i) => new MappedZnodeState($"{key}:{i}", name, table)));
            else
                mapped.AddRange(listed.Select(s => new MappedZnodeState(s.Key, s.Value, table)));
        }

        One("Znode:Orders:PaidOrderState", null, ZnodeStateTable.OrderState);
        One("Znode:Orders:DeclinedOrderState", null, ZnodeStateTable.OrderState);
        One("Znode:Orders:CanceledOrderState", CanceledOrderState, ZnodeStateTable.OrderState);
        One("Znode:Payments:CapturedStatus", CapturedStatus, ZnodeStateTable.PaymentState);
        One("Znode:Payments:DeclinedStatus", DeclinedStatus, ZnodeStateTable.PaymentState);
        One("Znode:Payments:RefundedStatus", RefundedStatus, ZnodeStateTable.PaymentState);
        One("Znode:Payments:PartiallyRefundedStatus", PartiallyRefundedStatus, ZnodeStateTable.PaymentState);
        Many("Znode:Intake:PaymentStatuses", AwaitingPaymentStatuses, ZnodeStateTable.PaymentState);
        Many("Znode:Returns:ApprovedStates", ApprovedReturnStates, ZnodeStateTable.ReturnState);
        One("Znode:Returns:RefundProcessedState", RefundProcessedState, ZnodeStateTable.ReturnState);
        return mapped;
    }
}
