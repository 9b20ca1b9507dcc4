using System.Collections.Concurrent;
using MassTransit;
using Payments.Contracts.PayoutReconciliation;
using Payments.ServiceDefaults.Failures;

namespace Payments.Sagas.Tests.PayoutReconciliation;

/// <summary>
/// What the stand-ins answer: the flags each listing run finds, the steps the outside system refuses (by command name), and the steps whose
/// answer a spec publishes itself (to put an event between a command and its answer).
/// </summary>
public sealed class PayoutWorld
{
    public ConcurrentDictionary<int, PayoutFlagItem[]> FlagsByRun { get; } = new();
    public ConcurrentDictionary<string, string> Refusals { get; } = new();
    public ConcurrentDictionary<string, bool> Held { get; } = new();

    public void Refuse(string step, string message) => Refusals[step] = message;

    public void Hold(string step) => Held[step] = true;

    public void ThrowIfRefused(string step)
    {
        if (Refusals.TryGetValue(step, out var message))
            throw new PermanentFailureException(message, "P21");
    }

    public static PayoutTotals Totals(long netMinor) => new()
    {
        Count = 3,
        NetMinor = netMinor,
        OwnTransactionAmountMinor = -netMinor,
        Gross =
        [
            new PayoutGrossTotal { Category = "charge", Type = "charge", Currency = "USD", SettlementMinor = netMinor + 3_000 + 870, OriginalMinor = netMinor + 3_000 + 870, Count = 2, ConvertedCount = 0 },
            new PayoutGrossTotal { Category = "refund", Type = "refund", Currency = "USD", SettlementMinor = -3_000, OriginalMinor = -3_000, Count = 1, ConvertedCount = 0 },
        ],
        Fees = new Dictionary<string, long> { ["stripe_fee"] = 870 },
        LastTransactionId = "txn_last",
    };

    public static string JournalOf(string payoutId) => $"JE-{payoutId}";

    public static string ReversalOf(string payoutId) => $"JE-R-{payoutId}";
}

/// <summary>
/// Answers ListPayoutTransactions as the Stripe service does: the run's totals and flags (a manual payout always carries the ManualPayout flag,
/// since Stripe refuses to list its transactions).
/// </summary>
public class ListingPayoutTransactions(PayoutWorld world) : IConsumer<ListPayoutTransactions>
{
    public Task Consume(ConsumeContext<ListPayoutTransactions> context)
    {
        var command = context.Message;
        world.ThrowIfRefused(nameof(ListPayoutTransactions));
        if (world.Held.ContainsKey(nameof(ListPayoutTransactions))) return Task.CompletedTask;
        var flags = command.Automatic
            ? world.FlagsByRun.GetValueOrDefault(command.Run) ?? []
            : [new PayoutFlagItem { Kind = "ManualPayout", Reason = $"payout {command.PayoutId} is manual: Stripe does not list its balance transactions" }];
        return context.Publish(Listed(command, flags));
    }

    public static PayoutTransactionsListed Listed(ListPayoutTransactions command, params PayoutFlagItem[] flags) => new()
    {
        CorrelationId = command.CorrelationId,
        PayoutId = command.PayoutId,
        Run = command.Run,
        Totals = command.Automatic ? PayoutWorld.Totals(command.AmountMinor) : PayoutWorld.Totals(0) with { Count = 0, Gross = [], Fees = new Dictionary<string, long>() },
        Flags = flags,
        FlagCount = flags.Length,
        Pages = command.Automatic ? 1 : 0,
        ListedAt = DateTimeOffset.UtcNow,
    };
}

/// <summary>Answers the P21 steps of a payout as the P21 service does when P21 accepts them.</summary>
public class PostingPayoutJournals(PayoutWorld world) : IConsumer<PostPayoutJournal>, IConsumer<ReversePayoutJournal>
{
    public Task Consume(ConsumeContext<PostPayoutJournal> context)
    {
        world.ThrowIfRefused(nameof(PostPayoutJournal));
        if (world.Held.ContainsKey(nameof(PostPayoutJournal))) return Task.CompletedTask;
        return context.Publish(Posted(context.Message.CorrelationId, context.Message.PayoutId));
    }

    public Task Consume(ConsumeContext<ReversePayoutJournal> context)
    {
        world.ThrowIfRefused(nameof(ReversePayoutJournal));
        return context.Publish(new PayoutJournalReversed
        {
            CorrelationId = context.Message.CorrelationId, PayoutId = context.Message.PayoutId,
            ReversalJournalNumber = PayoutWorld.ReversalOf(context.Message.PayoutId), AlreadyExisted = false,
        });
    }

    public static PayoutJournalPosted Posted(Guid correlationId, string payoutId, bool alreadyExisted = false) => new()
    {
        CorrelationId = correlationId,
        PayoutId = payoutId,
        JournalNumber = PayoutWorld.JournalOf(payoutId),
        AlreadyExisted = alreadyExisted,
        Period = "2026-12",
        Lines =
        [
            new PayoutJournalLine { Account = "1010", Amount = 1_000.00m, Description = $"Stripe payout {payoutId}" },
            new PayoutJournalLine { Account = "6100", Amount = 8.70m, Description = "stripe_fee" },
            new PayoutJournalLine { Account = "4000", Amount = -1_038.70m, Description = "charges" },
            new PayoutJournalLine { Account = "4100", Amount = 30.00m, Description = "refunds" },
        ],
        Conversions = [new PayoutCurrencyConversion { OriginalCurrency = "EUR", OriginalAmount = 92.00m, SettlementAmount = 100.00m, EffectiveRate = 1.0869m, MinRate = 1.08m, MaxRate = 1.09m, Count = 1 }],
        Fingerprint = "fp-" + payoutId,
    };
}
