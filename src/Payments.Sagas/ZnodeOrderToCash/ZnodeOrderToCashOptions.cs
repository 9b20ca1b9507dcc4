using System.ComponentModel.DataAnnotations;

namespace Payments.Sagas.ZnodeOrderToCash;

/// <summary>What becomes of an order still unpaid at its final deadline.</summary>
public enum UnpaidOrderHandling
{
    /// <summary>Cancel it in Znode (and its PaymentIntent): <c>CancelUnpaidZnodeOrder</c>.</summary>
    Cancel,
    /// <summary>Leave it open; a payment is still accepted whenever it comes.</summary>
    Keep,
}

/// <summary>The <c>ZnodeOrderToCash</c> section of the sagas service: how long an order may stay unpaid.</summary>
public sealed class ZnodeOrderToCashOptions
{
    public const string Section = "ZnodeOrderToCash";

    /// <summary>After the payment is offered, how long before the shopper is reminded (<c>RemindZnodeOrderPayment</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00", ErrorMessage = "{0} must be between one second and a year (e.g. 2.00:00:00).")]
    public TimeSpan RemindAfter { get; set; } = TimeSpan.FromDays(2);

    /// <summary>After the reminder, how long before the order is handled as <see cref="UnpaidOrder"/> says.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00", ErrorMessage = "{0} must be between one second and a year (e.g. 5.00:00:00).")]
    public TimeSpan UnpaidAfterReminder { get; set; } = TimeSpan.FromDays(5);

    /// <summary><c>Cancel</c> (default) or <c>Keep</c>.</summary>
    [EnumDataType(typeof(UnpaidOrderHandling), ErrorMessage = "{0} must be Cancel or Keep.")]
    public UnpaidOrderHandling UnpaidOrder { get; set; } = UnpaidOrderHandling.Cancel;
}
