using System.ComponentModel.DataAnnotations;

namespace Payments.P21Service.Holds;

/// <summary>How a sales order is put on hold.</summary>
public enum HoldMethod
{
    /// <summary><c>approved</c> OFF on the order (on hold = <c>oe_hdr.approved = 'N'</c>), ON to release.</summary>
    Approved,
    /// <summary>The order's hold class set to <see cref="HoldOptions.HoldClassId"/>, cleared to release.</summary>
    HoldClass,
}

/// <summary>The <c>P21:Holds</c> section: how a disputed or risky charge's sales order is held.</summary>
public sealed class HoldOptions : IValidatableObject
{
    public const string Section = "P21:Holds";

    /// <summary><c>Approved</c> (default) or <c>HoldClass</c>. P21 documents no hold API: both are inferred (docs/external-apis/p21.md#rma-and-holds).</summary>
    public HoldMethod Method { get; set; } = HoldMethod.Approved;

    /// <summary>With <see cref="HoldMethod.HoldClass"/>: the hold class put on the order (<c>order_hold_class_id</c>).</summary>
    [MaxLength(255, ErrorMessage = "{0} has at most 255 characters.")]
    public string? HoldClassId { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Method == HoldMethod.HoldClass && string.IsNullOrWhiteSpace(HoldClassId))
            yield return new ValidationResult($"{Section}:HoldClassId is required when {Section}:Method is HoldClass.", [nameof(HoldClassId)]);
    }
}
