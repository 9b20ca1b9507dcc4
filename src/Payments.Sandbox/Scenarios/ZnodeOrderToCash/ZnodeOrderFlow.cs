using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Payments.Contracts.Shared;
using Payments.Sagas.Data;
using Payments.Sagas.ZnodeOrderToCash;
using Payments.Simulators.Znode.Store;

namespace Payments.Sandbox.Scenarios.ZnodeOrderToCash;

/// <summary>
/// Drives the Znode order-to-cash flow as the outside world would: a shopper places an order on the Znode simulator, the Znode
/// service takes it in (webhook or poller), the flow makes a Stripe PaymentIntent and offers it; the shopper then pays it on the
/// Stripe fake with a test card, and the fake sends its signed webhooks to the gateway. Everything is read back from the simulators.
/// </summary>
public sealed class ZnodeOrderFlow(SandboxHost sandbox)
{
    static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    /// <summary>A shopper's order of two items, with tax and shipping, billed to an Ohio address.</summary>
    public static ZnodeOrderSpec DemonstrationOrder(string email) => new()
    {
        Email = email,
        FirstName = "Ann",
        LastName = "Lee",
        CurrencyCode = "USD",
        Lines =
        [
            new ZnodeOrderLineSpec { Sku = "WIDGET-001", ProductName = "Widget", Quantity = 2, Price = 25.00m },
            new ZnodeOrderLineSpec { Sku = "GADGET-200", ProductName = "Gadget", Quantity = 1, Price = 24.99m },
        ],
        TaxCost = 5.25m,
        ShippingCost = 9.50m,
        BillingAddress = new ZnodeOrderAddress
        {
            FirstName = "Ann", LastName = "Lee", CompanyName = "Lee Hardware", Address1 = "200 Main St", Address2 = "Suite 4",
            CityName = "Columbus", StateName = "OH", PostalCode = "43215", CountryName = "US", PhoneNumber = "614-555-0100", EmailAddress = email,
        },
    };

    /// <summary>Places the order and waits until the flow offered its payment (the PaymentIntent exists and Znode shows the offer).</summary>
    public async Task<(ZnodeOrder Order, ZnodeOrderState Saga)> PlaceAndAwaitOfferAsync(ZnodeOrderSpec spec, CancellationToken cancellationToken)
    {
        var order = sandbox.Znode.PlaceOrder(spec);
        var saga = await WaitForSagaAsync(order.OrderNumber, s => s is { PaymentIntentId: not null, PaymentOfferedAt: not null }, cancellationToken);
        return (order, saga);
    }

    /// <summary>The shopper pays the PaymentIntent with a Stripe test payment method (<c>pm_card_visa</c>, <c>pm_card_chargeDeclined…</c>).</summary>
    public Simulators.Stripe.Account.PaymentOutcome Pay(string paymentIntentId, string paymentMethod) =>
        sandbox.Stripe.Account.ConfirmPaymentIntent(paymentIntentId, paymentMethod, null);

    /// <summary>Waits for the saga's verdict (completed or failed).</summary>
    public Task<FlowOutcome> WaitForOutcomeAsync(string orderNumber, CancellationToken cancellationToken) =>
        sandbox.Services.GetRequiredService<FlowOutcomes>().WaitFor(CorrelationKey.ZnodeOrder(orderNumber).ToGuid(), cancellationToken);

    /// <summary>Polls the saga's stored row until <paramref name="until"/> holds.</summary>
    public async Task<ZnodeOrderState> WaitForSagaAsync(string orderNumber, Func<ZnodeOrderState, bool> until, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (await ReadSagaAsync(orderNumber) is { } saga && until(saga)) return saga;
            await Task.Delay(Poll, cancellationToken);
        }
    }

    /// <summary>The saga's row as the Sagas service stored it, or null when it never started.</summary>
    public async Task<ZnodeOrderState?> ReadSagaAsync(string orderNumber)
    {
        var correlationId = CorrelationKey.ZnodeOrder(orderNumber).ToGuid();
        await using var scope = sandbox.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SagaDbContext>();
        return await db.ZnodeOrders.AsNoTracking().SingleOrDefaultAsync(s => s.CorrelationId == correlationId);
    }

    /// <summary>What each system holds for the order now.</summary>
    public async Task<ZnodeOrderToCashReport> ReadBackAsync(string orderNumber, FlowOutcome? outcome, TimeSpan timeout, string? paidWith)
    {
        var saga = await ReadSagaAsync(orderNumber);
        var order = sandbox.Znode.Store.FindOrder(orderNumber);
        var intent = saga?.PaymentIntentId is { } id ? sandbox.Stripe.Account.Get(id) : null;
        var intents = sandbox.Stripe.Account.List("payment_intent")
            .Count(i => (string?)i["metadata"]?[StripeMetadataKeys.ZnodeOrderNumber] == orderNumber);
        var shopper = order?.Email;
        return new ZnodeOrderToCashReport
        {
            OrderNumber = orderNumber,
            Order = order,
            PaymentStatus = order is null ? null : sandbox.Znode.Store.PaymentName(order.OmsPaymentStateId),
            OrderState = order is null ? null : sandbox.Znode.Store.StateName(order.OmsOrderStateId),
            Changes = sandbox.Znode.Store.ChangesOf(orderNumber),
            PaymentIntent = intent,
            PaymentIntentsForOrder = intents,
            PaidWith = paidWith,
            Saga = saga,
            Outcome = outcome,
            Timeout = timeout,
            JournalLines = [.. sandbox.P21.Store.Ledger.Lines.Where(l => Mentions(l.Source, orderNumber) || Mentions(l.Description, orderNumber))],
            Mails = shopper is null ? [] : sandbox.Mail.To(shopper),
            P21SalesOrdersForCharge = saga?.ChargeId is { } charge ? sandbox.P21.Store.FindOrdersByReference(charge).Count : 0,
        };
    }

    static bool Mentions(string? text, string orderNumber) => text?.Contains(orderNumber, StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>A fresh shopper address per run, so the catcher's mailbox shows this order's mail only.</summary>
    public static string NewShopperEmail(string who) => $"{who}.{Guid.NewGuid().ToString("N")[..8]}@example.com";

    internal static string? Text(JsonObject? node, string name) => (string?)node?[name];
}
