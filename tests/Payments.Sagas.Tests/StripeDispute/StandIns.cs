using System.Collections.Concurrent;
using MassTransit;
using Payments.Contracts.Shared;
using Payments.Contracts.StripeDispute;
using Payments.ServiceDefaults.Failures;

namespace Payments.Sagas.Tests.StripeDispute;

/// <summary>What the stand-ins answer: the charges as Stripe describes them, and the steps P21 refuses (by command name).</summary>
public sealed class DisputeWorld
{
    public ConcurrentDictionary<string, StripeChargeFacts> Charges { get; } = new();
    public ConcurrentDictionary<string, string> Refusals { get; } = new();
    /// <summary>P21 orders already on hold before the dispute asked (a credit hold): P21 answers the hold as not placed by the dispute.</summary>
    public ConcurrentDictionary<string, bool> HeldBefore { get; } = new();

    public void Refuse(string step, string message) => Refusals[step] = message;

    public void ThrowIfRefused(string step)
    {
        if (Refusals.TryGetValue(step, out var message))
            throw new PermanentFailureException(message, "P21");
    }
}

/// <summary>Answers DescribeDisputedCharge as the Stripe service does, from <see cref="DisputeWorld.Charges"/>.</summary>
public class DescribingDisputedCharges(DisputeWorld world) : IConsumer<DescribeDisputedCharge>
{
    public Task Consume(ConsumeContext<DescribeDisputedCharge> context)
    {
        world.ThrowIfRefused(nameof(DescribeDisputedCharge));
        return context.Publish(new DisputedChargeDescribed
        {
            CorrelationId = context.Message.CorrelationId, DisputeId = context.Message.DisputeId, Charge = world.Charges[context.Message.ChargeId],
        });
    }
}

/// <summary>Answers the P21 steps of a dispute as the P21 service does when P21 accepts them (journal references derived from the balance transaction).</summary>
public class AcceptingP21Disputes(DisputeWorld world) : IConsumer<PostDisputeJournal>, IConsumer<HoldP21OrderForDispute>, IConsumer<ReleaseP21OrderHold>
{
    public static string JournalOf(string balanceTransactionId) => $"JE-{balanceTransactionId}";

    public Task Consume(ConsumeContext<PostDisputeJournal> context)
    {
        world.ThrowIfRefused(nameof(PostDisputeJournal));
        return context.Publish(new DisputeJournalPosted
        {
            CorrelationId = context.Message.CorrelationId, DisputeId = context.Message.DisputeId, BalanceTransactionId = context.Message.BalanceTransactionId,
            Kind = context.Message.Kind, JournalReference = JournalOf(context.Message.BalanceTransactionId),
        });
    }

    public Task Consume(ConsumeContext<HoldP21OrderForDispute> context)
    {
        world.ThrowIfRefused(nameof(HoldP21OrderForDispute));
        return context.Publish(new P21OrderHeldForDispute
        {
            CorrelationId = context.Message.CorrelationId, DisputeId = context.Message.DisputeId, P21OrderNo = context.Message.P21OrderNo, HoldMethod = "approved=N",
            PlacedHold = !world.HeldBefore.ContainsKey(context.Message.P21OrderNo),
        });
    }

    public Task Consume(ConsumeContext<ReleaseP21OrderHold> context)
    {
        world.ThrowIfRefused(nameof(ReleaseP21OrderHold));
        return context.Publish(new P21OrderHoldReleased
        {
            CorrelationId = context.Message.CorrelationId, DisputeId = context.Message.DisputeId, P21OrderNo = context.Message.P21OrderNo,
        });
    }
}
