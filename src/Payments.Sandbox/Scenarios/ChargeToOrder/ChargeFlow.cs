using Microsoft.EntityFrameworkCore;
using Payments.Contracts.ChargeToOrder;
using Payments.Contracts.Shared;
using Payments.Sagas.ChargeToOrder;
using Payments.Sagas.Data;
using Payments.Simulators.P21.Store;
using Payments.Simulators.Stripe;

namespace Payments.Sandbox.Scenarios.ChargeToOrder;

/// <summary>
/// Drives the charge-to-order flow: a customer pays by card, Stripe sends <c>charge.succeeded</c>; we post it, signed, through the
/// real HTTP gateway and follow it until P21 holds the order and Stripe holds the order number.
/// </summary>
public sealed class ChargeFlow(SandboxHost sandbox)
{
    /// <summary>
    /// A charge as a storefront would create it: a known P21 customer's e-mail and two items of P21's item master. Also the charge of the
    /// flow tests, the end-to-end benchmark and the chaos suite.
    /// </summary>
    public static ChargeSpec DemonstrationCharge() => new()
    {
        Amount = 7_499,
        Currency = "usd",
        BillingEmail = P21Seed.AcmeEmail,
        BillingName = "Acme Supply Co",
        Description = "Web order: 2 × WIDGET-001, 1 × GADGET-200",
        Metadata = new Dictionary<string, string> { ["items"] = "WIDGET-001:2,GADGET-200:1" },
    };

    /// <param name="inStripe">The charge is already in the Stripe fake (a paid Checkout Session made it); otherwise it is created first.</param>
    public async Task<ChargeToOrderReport> RunAsync(TimeSpan timeout, ChargeSpec? charge = null, bool inStripe = false)
    {
        charge ??= DemonstrationCharge();
        if (!inStripe) sandbox.Stripe.CreateCharge(charge);
        var p21CallsBefore = sandbox.P21.Requests.Count;
        var webhook = StripeEventBuilder.ChargeSucceeded(charge);
        var correlationId = CorrelationKey.StripePayment(charge.PaymentIntentId, charge.Id).ToGuid();
        var outcomes = sandbox.Services.GetRequiredService<FlowOutcomes>();

        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, sandbox.WebhookUrl)
        {
            Content = new StringContent(webhook.Json, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Stripe-Signature", webhook.Sign(sandbox.Options.WebhookSecret));
        using var response = await http.SendAsync(request);
        var responseBody = await response.Content.ReadAsStringAsync();

        FlowOutcome? outcome = null;
        if (response.IsSuccessStatusCode)
        {
            using var cts = new CancellationTokenSource(timeout);
            try { outcome = await outcomes.WaitFor(correlationId, cts.Token); }
            catch (OperationCanceledException) { }
        }

        var saga = await ReadSagaAsync(correlationId);
        var order = outcome?.OrderNo is { } orderNo ? sandbox.P21.Store.FindOrder(orderNo) : null;
        var customer = order is not null ? sandbox.P21.Store.FindCustomer(order.CustomerId) : null;
        return new ChargeToOrderReport
        {
            Charge = charge,
            StripeEventId = webhook.Id,
            CorrelationId = correlationId,
            GatewayStatus = (int)response.StatusCode,
            GatewayResponse = responseBody,
            Outcome = outcome,
            SagaState = saga?.CurrentState,
            Timeout = timeout,
            Order = order,
            Customer = customer,
            OrdersForCharge = sandbox.P21.Store.FindOrdersByReference(charge.Id).Count,
            P21CallsRefused = sandbox.P21.Requests.Skip(p21CallsBefore).Count(r => r.StatusCode >= 500),
            StripeMetadata = sandbox.Stripe.GetChargeMetadata(charge.Id),
        };
    }

    /// <summary>The saga's row as the Sagas service stored it, or null when it never started.</summary>
    async Task<OrderPaymentState?> ReadSagaAsync(Guid correlationId)
    {
        await using var scope = sandbox.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SagaDbContext>();
        return await db.OrderPayments.AsNoTracking().SingleOrDefaultAsync(s => s.CorrelationId == correlationId);
    }
}
