namespace Payments.Domain.Refunds;

/// <summary>What to book for one refund: its own amount, or the reversal of what was booked for it.</summary>
public sealed record RefundBooking(string RefundId, long AmountMinor, string Currency, RefundBookingKind Kind);

public enum RefundBookingKind
{
    /// <summary>Book the refund's own amount once.</summary>
    Book,
    /// <summary>The refund failed or was cancelled after it was booked: reverse exactly what was booked.</summary>
    Reverse,
}
