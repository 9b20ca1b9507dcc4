namespace Payments.Domain.Mappings;

/// <summary>What a mapped value must be in P21.</summary>
public enum MappedKind
{
    /// <summary>An account of P21's chart of accounts (<c>chart_of_accts.account_no</c>).</summary>
    GlAccount,
    /// <summary>An item of P21's item master (<c>inv_mast.item_id</c>).</summary>
    P21Item,
}

/// <summary>One mapping setting and its value, e.g. <c>P21:Disputes:FeeAccount</c> = <c>68100000</c>, a <see cref="MappedKind.GlAccount"/>.</summary>
public sealed record MappedValue(string Key, MappedKind Kind, string Value);
