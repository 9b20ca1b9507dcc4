using System.Text.Json;
using Payments.Contracts.PayoutReconciliation;

namespace Payments.Reporting.PayoutReconciliation;

/// <summary>
/// What a controller reads about one Stripe payout, above its balance transactions: the payout (arrival date, amount, Stripe's
/// status), where the reconciliation stands (state, run, failure), the P21 journal (number, period, lines, reversal), the totals,
/// the currencies converted with their rates, and every flag. Built from the saga's row; the lines are streamed beside it
/// (<see cref="PayoutReportLine"/>), never held here.
/// </summary>
public sealed record PayoutReport
{
    public required string PayoutId { get; init; }
    /// <summary>UTC, as Stripe gives it; the report shows its date.</summary>
    public required DateTime ArrivalDate { get; init; }
    public required decimal Amount { get; init; }
    /// <summary>ISO 4217, upper case.</summary>
    public required string Currency { get; init; }
    /// <summary>The flow's state: <c>AwaitingSettlement</c>, <c>Listing</c>, <c>Flagged</c>, <c>Posting</c>, <c>Posted</c>, <c>Reversing</c>, <c>Reversed</c>, <c>PayoutFailed</c>, <c>Canceled</c>, <c>Failed</c>.</summary>
    public required string State { get; init; }
    /// <summary>Stripe's status of the payout.</summary>
    public required string Status { get; init; }
    public required bool Automatic { get; init; }
    public string? Description { get; init; }
    public required int Run { get; init; }
    public string? JournalNumber { get; init; }
    public string? Period { get; init; }
    public string? ReversalJournalNumber { get; init; }
    /// <summary>Why the flow stopped in <c>Failed</c>: the step and the reason.</summary>
    public string? FailedStep { get; init; }
    public string? FailureReason { get; init; }
    /// <summary>Stripe's reason a payout failed (<c>failure_code</c>, <c>failure_message</c>).</summary>
    public string? PayoutFailureCode { get; init; }
    public string? PayoutFailureMessage { get; init; }
    public required DateTime UpdatedAt { get; init; }
    /// <summary>Null until the balance transactions were listed.</summary>
    public PayoutReportTotals? Totals { get; init; }
    public IReadOnlyList<PayoutFlagItem> Flags { get; init; } = [];
    /// <summary>Every flag, also those beyond <see cref="Flags"/> (which holds at most <see cref="PayoutFlagItem.MaxCarried"/>).</summary>
    public required int FlagCount { get; init; }
    public IReadOnlyList<PayoutJournalLine> JournalLines { get; init; } = [];
    public IReadOnlyList<PayoutCurrencyConversion> Conversions { get; init; } = [];

    /// <summary>The flags counted but not carried: each is a line whose charge has no order (<see cref="PayoutReportLine.OrderUnknown"/>).</summary>
    public int FlagsNotListed => Math.Max(0, FlagCount - Flags.Count);

    /// <summary>The report of the saga's row; a JSON column that cannot be read is an <see cref="InvalidDataException"/> naming it.</summary>
    public static PayoutReport From(PayoutStateRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var totals = Json<PayoutTotals>(row, nameof(row.Totals), row.Totals);
        return new PayoutReport
        {
            PayoutId = row.PayoutId,
            ArrivalDate = DateTime.SpecifyKind(row.ArrivalDate, DateTimeKind.Utc),
            Amount = ReportMoney.ToDecimal(row.AmountMinor, row.Currency),
            Currency = row.Currency.ToUpperInvariant(),
            State = row.CurrentState,
            Status = row.Status,
            Automatic = row.Automatic,
            Description = row.Description,
            Run = row.Run,
            JournalNumber = row.JournalNumber,
            Period = row.Period,
            ReversalJournalNumber = row.ReversalJournalNumber,
            FailedStep = row.FailedStep,
            FailureReason = row.FailureReason,
            PayoutFailureCode = row.FailureCode,
            PayoutFailureMessage = row.FailureMessage,
            UpdatedAt = DateTime.SpecifyKind(row.UpdatedAt, DateTimeKind.Utc),
            Totals = totals is null ? null : PayoutReportTotals.From(totals, row.Currency),
            Flags = Json<List<PayoutFlagItem>>(row, nameof(row.Flags), row.Flags) ?? [],
            FlagCount = row.FlagCount,
            JournalLines = Json<List<PayoutJournalLine>>(row, nameof(row.JournalLines), row.JournalLines) ?? [],
            Conversions = Json<List<PayoutCurrencyConversion>>(row, nameof(row.Conversions), row.Conversions) ?? [],
        };
    }

    /// <summary>The saga writes its JSON columns with System.Text.Json's defaults (PascalCase names), so they are read with the same.</summary>
    static T? Json<T>(PayoutStateRow row, string column, string? json) where T : class
    {
        if (string.IsNullOrWhiteSpace(json)) return null;
        try
        {
            return JsonSerializer.Deserialize<T>(json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"payout {row.PayoutId}: column {column} is not the JSON of {typeof(T).Name}: {e.Message}", e);
        }
    }
}
