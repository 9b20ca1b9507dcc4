using System.Globalization;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Payments.Contracts.PaymentRisk;
using Payments.Contracts.Shared;
using Payments.Domain.Risk;
using Payments.Sagas.Flows;

namespace Payments.Sagas.PaymentRisk;

/// <summary>
/// Payment risk: one instance per charge (<see cref="CorrelationKey.ChargeRisk"/>). An early fraud warning or an elevated Radar risk reads the
/// charge (<c>DescribeRiskyCharge</c>), the explainable <see cref="RiskPolicy"/> decides with the configured rules (<see cref="PaymentRiskOptions"/>),
/// the decision is kept on the saga and announced (<c>RiskDecisionMade</c>), and its actions are taken: a proactive refund of the whole
/// charge (<c>RefundChargeForFraud</c>, never asked twice; the refund itself is booked by the stripe-refund flow through its webhook) and a
/// hold of the P21 order (<c>HoldP21OrderForRisk</c>; a charge without a P21 order has nothing to hold, which is recorded). A later signal
/// (the warning updated, another risk report) reads the charge again and decides again.
/// </summary>
public class ChargeRiskStateMachine : FlowStateMachine<ChargeRiskState>
{
    public ChargeRiskStateMachine(TimeProvider clock, IOptions<PaymentRiskOptions> options, ILogger<ChargeRiskStateMachine> logger)
        : base(FlowNames.PaymentRisk, clock, logger)
    {
        Initially(
            When(WarningReported)
                .StartFlow(m => CorrelationKey.ChargeRisk(m.ChargeId))
                .Then(context => Start(context.Saga, context.Message.ChargeId, context.Message.PaymentIntentId))
                .Then(context => RecordWarning(context.Saga, context.Message))
                .Publish(context => Describe(context.Saga))
                .TransitionTo(Describing),
            When(RiskObserved)
                .StartFlow(m => CorrelationKey.ChargeRisk(m.ChargeId))
                .Then(context => Start(context.Saga, context.Message.ChargeId, context.Message.PaymentIntentId))
                .Then(context => RecordRisk(context.Saga, context.Message))
                .Publish(context => Describe(context.Saga))
                .TransitionTo(Describing));

        DuringStep(Describing,
            When(Described)
                // Clears only the description's own failure: a refund or hold that faulted while the charge was read again stays failed.
                .Then(context => ClearFailureOf(context.Saga, nameof(DescribeRiskyCharge)))
                .ThenAsync(context => Decide(context, options.Value.EffectiveRules())));
        FailOn(DescribeFaulted, Describing);

        // A new signal: read the charge again and decide again (while the charge is being read, the reply decides with it).
        During(Describing,
            When(WarningReported, context => !KnownWarningEvent(context.Saga, context.Message))
                .Then(context => RecordWarning(context.Saga, context.Message)),
            When(RiskObserved, context => context.Message.StripeEventId != context.Saga.LastRiskEventId)
                .Then(context => RecordRisk(context.Saga, context.Message)));
        During(Acting, Decided,
            When(WarningReported, context => !KnownWarningEvent(context.Saga, context.Message))
                .Then(context => RecordWarning(context.Saga, context.Message))
                .Publish(context => Describe(context.Saga))
                .TransitionTo(Describing),
            When(RiskObserved, context => context.Message.StripeEventId != context.Saga.LastRiskEventId)
                .Then(context => RecordRisk(context.Saga, context.Message))
                .Publish(context => Describe(context.Saga))
                .TransitionTo(Describing));
        // In Failed a person looks first: the signal is kept for the next decision; the redriven step resumes the flow.
        During(Failed, NeedsAttention,
            When(WarningReported, context => !KnownWarningEvent(context.Saga, context.Message))
                .Then(context => RecordWarning(context.Saga, context.Message)),
            When(RiskObserved, context => context.Message.StripeEventId != context.Saga.LastRiskEventId)
                .Then(context => RecordRisk(context.Saga, context.Message)));
        // A redelivered webhook, or a warning update older than the one kept: acknowledged, nothing decided again.
        DuringAny(
            When(WarningReported, context => KnownWarningEvent(context.Saga, context.Message))
                .Then(context => Logger.LogInformation("Charge {ChargeId}: warning event {StripeEventId} ({EventType}) is already known; nothing decided again",
                    context.Saga.ChargeId, context.Message.StripeEventId, context.Message.EventType)),
            When(RiskObserved, context => context.Message.StripeEventId == context.Saga.LastRiskEventId)
                .Then(context => Logger.LogInformation("Charge {ChargeId}: risk event {StripeEventId} is already known; nothing decided again",
                    context.Saga.ChargeId, context.Message.StripeEventId)));

        // The actions' replies, in whatever order (also while a newer signal is being read); a redriven one that succeeds resumes the flow.
        During(Acting, Failed, Describing, Decided,
            When(RefundedForFraud)
                .Then(context =>
                {
                    var refunded = context.Message;
                    ClearFailureOf(context.Saga, nameof(RefundChargeForFraud));
                    context.Saga.RefundId = refunded.RefundId;
                    context.Saga.RefundedAmountMinor = refunded.AmountMinor;
                    context.Saga.RefundedAt ??= Clock.GetUtcNow().UtcDateTime;
                    Logger.LogInformation("Charge {ChargeId} refunded for fraud: refund {RefundId}, {AmountMinor} {Currency}",
                        refunded.ChargeId, refunded.RefundId, refunded.AmountMinor, refunded.Currency);
                })
                .ThenAsync(Settle),
            When(HeldForRisk)
                .Then(context =>
                {
                    ClearFailureOf(context.Saga, nameof(HoldP21OrderForRisk));
                    context.Saga.HeldAt ??= Clock.GetUtcNow().UtcDateTime;
                    context.Saga.HoldMethod = context.Message.HoldMethod;
                })
                .ThenAsync(Settle));
        // A newer signal moves the flow to Describing (and on to Decided) while the refund or the hold is still on its way: their faults count there too.
        FailOn(RefundFaulted, Acting, Describing, Decided);
        FailOn(HoldFaulted, Acting, Describing, Decided);
    }

    /// <summary>The charge is being read (<c>DescribeRiskyCharge</c>); the reply decides.</summary>
    public State Describing { get; private set; } = null!;
    /// <summary>The decision's refund or hold is on its way.</summary>
    public State Acting { get; private set; } = null!;
    /// <summary>Decided and done; a new signal decides again.</summary>
    public State Decided { get; private set; } = null!;

    public Event<EarlyFraudWarningReported> WarningReported { get; private set; } = null!;
    public Event<ChargeRiskObserved> RiskObserved { get; private set; } = null!;
    public Event<RiskyChargeDescribed> Described { get; private set; } = null!;
    public Event<ChargeRefundedForFraud> RefundedForFraud { get; private set; } = null!;
    public Event<P21OrderHeldForRisk> HeldForRisk { get; private set; } = null!;

    public Event<Fault<DescribeRiskyCharge>> DescribeFaulted { get; private set; } = null!;
    public Event<Fault<RefundChargeForFraud>> RefundFaulted { get; private set; } = null!;
    public Event<Fault<HoldP21OrderForRisk>> HoldFaulted { get; private set; } = null!;

    static void Start(ChargeRiskState saga, string chargeId, string? paymentIntentId)
    {
        saga.ChargeId = chargeId;
        saga.PaymentIntentId = paymentIntentId;
    }

    static DescribeRiskyCharge Describe(ChargeRiskState saga) => new() { CorrelationId = saga.CorrelationId, ChargeId = saga.ChargeId };

    /// <summary>The same webhook again, or an update of the kept warning older than the one kept.</summary>
    static bool KnownWarningEvent(ChargeRiskState saga, EarlyFraudWarningReported warning) =>
        warning.StripeEventId == saga.LastWarningEventId
        || warning.WarningId == saga.WarningId && saga.WarningReportedAt is { } kept && warning.ReportedAt.UtcDateTime < kept;

    void RecordWarning(ChargeRiskState saga, EarlyFraudWarningReported warning)
    {
        saga.WarningId = warning.WarningId;
        saga.WarningActionable = warning.Actionable;
        saga.FraudType = warning.FraudType;
        saga.WarningReportedAt = warning.ReportedAt.UtcDateTime;
        saga.LastWarningEventId = warning.StripeEventId;
        saga.PaymentIntentId ??= warning.PaymentIntentId;
        saga.UpdatedAt = Clock.GetUtcNow().UtcDateTime;
    }

    void RecordRisk(ChargeRiskState saga, ChargeRiskObserved observed)
    {
        saga.ObservedRiskLevel = observed.RiskLevel;
        saga.ObservedRiskScore = observed.RiskScore;
        saga.LastRiskEventId = observed.StripeEventId;
        saga.AmountMinor ??= observed.AmountMinor;
        saga.Currency ??= observed.Currency.ToUpperInvariant();
        saga.PaymentIntentId ??= observed.PaymentIntentId;
        saga.UpdatedAt = Clock.GetUtcNow().UtcDateTime;
    }

    void ClearFailureOf(ChargeRiskState saga, string step)
    {
        if (saga.FailedStep == step)
        {
            saga.FailedStep = saga.FailureReason = null;
            saga.FailedAt = null;
        }
        saga.UpdatedAt = Clock.GetUtcNow().UtcDateTime;
    }

    /// <summary>Decides on the charge as just read, records the decision, announces it, and takes the actions not taken before.</summary>
    async Task Decide(BehaviorContext<ChargeRiskState, RiskyChargeDescribed> context, IReadOnlyList<RiskRule> rules)
    {
        var saga = context.Saga;
        var charge = context.Message.Charge;
        var now = Clock.GetUtcNow();
        saga.ChargeDescribedAt = now.UtcDateTime;
        saga.AmountMinor = charge.AmountMinor;
        saga.Currency = charge.Currency.ToUpperInvariant();
        saga.P21OrderNo = charge.P21OrderNo;
        saga.ZnodeOrderNumber = charge.ZnodeOrderNumber;
        saga.PaymentIntentId ??= charge.PaymentIntentId;

        var signals = ChargeRiskSignals.From(charge, saga);
        var decision = RiskPolicy.Decide(signals, rules);
        var notes = new List<string>();
        var refund = false;
        var hold = false;
        if (decision.Actions.Contains(RiskAction.ProactiveRefund))
        {
            if (saga.RefundRequestedAt is not null) notes.Add($"refund already asked for warning {saga.RefundWarningId}: not asked again");
            else if (saga.WarningId is null) notes.Add("no refund: a proactive refund needs an early fraud warning to key it on");
            else refund = true;
        }
        if (decision.Actions.Contains(RiskAction.HoldOrder))
        {
            if (saga.P21OrderNo is null)
            {
                saga.HoldNote = saga.ZnodeOrderNumber is null
                    ? "nothing to hold: the charge has no P21 order"
                    : $"nothing to hold: the sale is Znode order {saga.ZnodeOrderNumber}, which has no P21 order";
                notes.Add(saga.HoldNote);
            }
            else if (saga.HoldRequestedAt is not null) notes.Add($"P21 order {saga.P21OrderNo} already held");
            else hold = true;
        }

        var explanation = notes.Count == 0 ? decision.Explanation : $"{decision.Explanation}; {string.Join("; ", notes)}";
        var actions = string.Join(",", decision.Actions);
        var signalLine = RiskSignalLine.Describe(signals);
        saga.DecisionCount++;
        saga.LastRule = decision.Rule;
        saga.LastActions = actions;
        saga.LastSignals = signalLine;
        saga.LastExplanation = explanation;
        saga.LastDecidedAt = now.UtcDateTime;
        saga.Decisions += string.Create(CultureInfo.InvariantCulture,
            $"{now.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ} | rule {decision.Rule ?? "(none)"} | actions {(actions.Length == 0 ? "(none)" : actions)} | {signalLine} | {explanation}\n");
        Logger.LogInformation("Charge {ChargeId}: risk decision {Rule} → {Actions} ({Explanation})", saga.ChargeId, decision.Rule ?? "(none)",
            actions.Length == 0 ? "no action" : actions, explanation);

        await context.Publish(new RiskDecisionMade
        {
            CorrelationId = saga.CorrelationId,
            ChargeId = saga.ChargeId,
            Rule = decision.Rule,
            Actions = decision.Actions.Select(a => a.ToString()).ToList(),
            Explanation = explanation,
            Signals = signalLine,
            WarningId = saga.WarningId,
            DecidedAt = now,
        });
        if (refund)
        {
            saga.RefundRequestedAt = now.UtcDateTime;
            saga.RefundWarningId = saga.WarningId;
            await context.Publish(new RefundChargeForFraud { CorrelationId = saga.CorrelationId, ChargeId = saga.ChargeId, WarningId = saga.WarningId! });
        }
        if (hold)
        {
            saga.HoldRequestedAt = now.UtcDateTime;
            await context.Publish(new HoldP21OrderForRisk
            {
                CorrelationId = saga.CorrelationId, ChargeId = saga.ChargeId, P21OrderNo = saga.P21OrderNo!,
                Reason = $"payment risk on Stripe charge {saga.ChargeId}: {explanation}",
            });
        }
        await Settle(context);
    }

    /// <summary>Acting while a refund or hold is on its way, else Decided; in Failed until the failed step succeeds.</summary>
    async Task Settle<T>(BehaviorContext<ChargeRiskState, T> context)
        where T : class
    {
        var saga = context.Saga;
        if (saga.FailedStep is not null) return;
        if (saga.CurrentState == Describing.Name && saga.ChargeDescribedAt is null) return;
        // A reply while a newer signal is being read: the description's reply settles the flow.
        if (saga.CurrentState == Describing.Name && context.Event.Name != Described.Name) return;
        var pending = saga.RefundRequestedAt is not null && saga.RefundId is null || saga.HoldRequestedAt is not null && saga.HeldAt is null;
        var target = pending ? Acting : Decided;
        if (saga.CurrentState != target.Name)
            await context.TransitionToState(target);
    }
}
