namespace Payments.P21Service.Returns;

/// <summary>The references a refund's journals carry in P21 (<c>P21:Journals:ReferenceField</c>), so a redelivered command finds the entry it posted.</summary>
public static class RefundJournalReference
{
    public static string For(string refundId) => $"refund:{refundId}";

    public static string ReversalOf(string refundId) => $"refund-reversal:{refundId}";
}
