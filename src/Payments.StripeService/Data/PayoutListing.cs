namespace Payments.StripeService.Data;

/// <summary>
/// How far the listing of one payout's balance transactions got (table <c>PayoutListing</c>): the run it belongs to, Stripe's cursor,
/// the totals so far (<see cref="State"/>, the JSON of the domain's <c>PayoutAccumulatorState</c>) and the pages read, written with each
/// page in the transaction that keeps the page's rows, so a redelivered command resumes from here and a higher run starts over.
/// </summary>
public sealed class PayoutListing
{
    public required string PayoutId { get; init; }
    /// <summary>Checked on every write with <see cref="Pages"/>: a run that another consumer moved on (or superseded) cannot write over it.</summary>
    public int Run { get; set; }
    /// <summary>The last balance transaction read: <c>starting_after</c> for the next page; null before the first.</summary>
    public string? Cursor { get; set; }
    /// <summary>System.Text.Json of <c>PayoutAccumulatorState</c> (default, PascalCase names).</summary>
    public required string State { get; set; }
    public int Pages { get; set; }
    /// <summary>Every page was read (or, for a manual payout, none could be).</summary>
    public bool Complete { get; set; }
    public DateTime UpdatedAt { get; set; }
}
