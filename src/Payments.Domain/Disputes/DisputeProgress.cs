namespace Payments.Domain.Disputes;

/// <summary>What the flow has done so far for one dispute: the balance transactions asked for and booked (by id), the hold asked for and placed, the release.</summary>
public sealed record DisputeProgress
{
    /// <summary>Balance transactions whose journal was asked for (booked or still on its way).</summary>
    public IReadOnlySet<string> Requested { get; init; } = new HashSet<string>();
    /// <summary>Balance transactions whose journal P21 holds.</summary>
    public IReadOnlySet<string> Booked { get; init; } = new HashSet<string>();
    /// <summary>The charge's sale has a P21 order to hold (a Znode-origin sale has none).</summary>
    public bool HasP21Order { get; init; }
    public bool HoldRequested { get; init; }
    public bool Held { get; init; }
    /// <summary>The dispute placed the hold; false when the order was already on hold (a credit hold, a risk hold), which it never releases.</summary>
    public bool PlacedHold { get; init; } = true;
    public bool ReleaseRequested { get; init; }
    public bool Released { get; init; }
}
