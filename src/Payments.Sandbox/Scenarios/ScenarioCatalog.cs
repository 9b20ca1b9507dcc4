using Payments.Sandbox.Scenarios.ChargeToOrder;
using Payments.Sandbox.Scenarios.CustomerSync;
using Payments.Sandbox.Scenarios.Operations;
using Payments.Sandbox.Scenarios.PaymentRisk;
using Payments.Sandbox.Scenarios.PayoutReconciliation;
using Payments.Sandbox.Scenarios.StripeDispute;
using Payments.Sandbox.Scenarios.StripeRefund;
using Payments.Sandbox.Scenarios.StripeSubscription;
using Payments.Sandbox.Scenarios.ZnodeOrderToCash;
using Payments.Sandbox.Scenarios.ZnodeReturn;

namespace Payments.Sandbox.Scenarios;

/// <summary>Every scenario, in the order the default run plays them. A flow adds its scenarios here (docs/adding-a-flow.md).</summary>
public static class ScenarioCatalog
{
    public static readonly IReadOnlyList<ISandboxScenario> All =
    [
        new ChargeBecomesOrder(),
        new ChargeSurvivesP21Outage(),
        new ChargeWithUnknownItemFails(),
        new CheckoutSessionBecomesOrder(),
        new ChargeWithoutLinesFails(),
        new ZnodeOrderPaidAndJournaled(),
        new ZnodeOrderPaymentDeclined(),
        new PartialRefundBooked(),
        new SecondPartialRefundBooked(),
        new ZnodeReturnRefunded(),
        new DisputeWon(),
        new DisputeLost(),
        new FraudWarningRefunded(),
        new PayoutBalanced(),
        new PayoutOffByACent(),
        new CustomerUpdated(),
        new CustomerUpdatesOutOfOrder(),
        new CustomerLinkSuggested(),
        new SubscriptionLifecycle(),
        new SubscriptionRenewalFailed(),
        new MissedEventsSwept(),
    ];

    public static ISandboxScenario? Find(string name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
}
