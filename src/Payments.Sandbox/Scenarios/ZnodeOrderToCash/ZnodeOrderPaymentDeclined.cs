using Payments.Contracts.Shared;

namespace Payments.Sandbox.Scenarios.ZnodeOrderToCash;

/// <summary>
/// The shopper's card is declined: Znode shows the payment DECLINED with a note giving Stripe's decline code and message, the shopper
/// gets a mail saying so (caught by the SMTP catcher), and the order keeps waiting for a payment: no journal, no verdict.
/// </summary>
public sealed class ZnodeOrderPaymentDeclined : ISandboxScenario
{
    const string Card = "pm_card_chargeDeclinedInsufficientFunds";
    const string DeclineCode = "insufficient_funds";

    public string Name => "znode-order-declined";
    public string Flow => FlowNames.ZnodeOrderToCash;
    public string Description => $"a Znode order paid with a declined card ({DeclineCode}) → Znode DECLINED, a note with Stripe's code and message, the shopper's mail; the order keeps waiting";

    public async Task<ScenarioResult> RunAsync(SandboxHost sandbox, CancellationToken cancellationToken)
    {
        var flow = new ZnodeOrderFlow(sandbox);
        var (order, saga) = await flow.PlaceAndAwaitOfferAsync(ZnodeOrderFlow.DemonstrationOrder(ZnodeOrderFlow.NewShopperEmail("bo.chan")), cancellationToken);
        var attempt = flow.Pay(saga.PaymentIntentId!, Card);
        var message = (string?)attempt.PaymentIntent["last_payment_error"]?["message"] ?? "";

        await flow.WaitForSagaAsync(order.OrderNumber, s => s.ZnodePaymentStatus == "DECLINED", cancellationToken);
        var mail = await sandbox.Mail.WaitForAsync(m => m.To.Contains(order.Email!, StringComparer.OrdinalIgnoreCase) && m.Subject.Contains("declined", StringComparison.Ordinal),
            sandbox.Options.ScenarioTimeout);
        var report = await flow.ReadBackAsync(order.OrderNumber, outcome: null, sandbox.Options.ScenarioTimeout, Card);

        var asExpected = attempt.Declined && report.PaymentStatusIs("DECLINED") && report.Saga is { CurrentState: "AwaitingPayment", DeclineCount: 1 }
                         && report.Notes.Any(n => n.Contains(DeclineCode, StringComparison.Ordinal) && n.Contains(message, StringComparison.Ordinal))
                         && mail is not null && mail.TextBody.Contains(DeclineCode, StringComparison.Ordinal) && mail.TextBody.Contains(message, StringComparison.Ordinal)
                         && report.JournalLines.Count == 0 && report.PaymentIntentsForOrder == 1;
        return report.ToResult(this, expected: "Znode DECLINED, a note and a mail with the decline code and message, still awaiting payment, no journal", asExpected);
    }
}
