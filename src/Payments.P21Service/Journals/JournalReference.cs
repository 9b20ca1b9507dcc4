namespace Payments.P21Service.Journals;

/// <summary>
/// The reference a Znode order's journal entry carries in P21 (<see cref="JournalOptions.ReferenceField"/>): derived from the order
/// number and the PaymentIntent that paid it, so a redelivered command finds the entry it already posted.
/// </summary>
public static class JournalReference
{
    public static string ForZnodeOrder(string orderNumber, string paymentIntentId) => $"znode:{orderNumber}:{paymentIntentId}";
}
