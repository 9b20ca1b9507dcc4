using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Payments.Simulators.Shared.Control;
using Payments.Simulators.Shared.Routing;
using Payments.Simulators.Stripe.Account;
using Payments.Simulators.Stripe.Api;
using Payments.Simulators.Stripe.Webhooks;

namespace Payments.Simulators.Stripe.Control;

/// <summary>
/// The Stripe fake's own control routes under <c>/_sim</c>: read every object, seed charges (one, or thousands at once) and customers, pay a Checkout
/// Session, run automatic payouts (optionally off by a skew) and fail one, settle pending funds, configure the webhook endpoint, emit and (re)deliver events. No API key needed. Objects are answered in
/// Stripe's own shape (snake_case); control requests and summaries in camelCase.
/// </summary>
sealed class StripeControlApi(StripeAccount account, TimeProvider time) : ISimulatorResource
{
    static readonly string[] ObjectTypes =
        ["charge", "payment_intent", "customer", "refund", "balance_transaction", "payout", "event", "payment_method", "product", "price", "checkout.session",
         "dispute", "radar.early_fraud_warning", "subscription", "invoice", "invoice_payment"];

    public void Map(SimulatorRouteBuilder routes)
    {
        routes.Get("objects.counts", "/objects", http => ControlJson.WriteAsync(http, account.Counts));
        routes.Get("objects.list", "/objects/{type}", ListObjects);
        routes.Post("charges.seed", "/charges", SeedCharge);
        routes.Post("charges.bulk", "/charges/bulk", SeedCharges);
        routes.Post("customers.seed", "/customers", SeedCustomer);
        routes.Post("customers.update", "/customers/{id}", UpdateCustomer);
        routes.Delete("customers.delete", "/customers/{id}", http => Stripe(http, () => account.DeleteCustomer((string)http.GetRouteValue("id")!), StatusCodes.Status200OK));
        routes.Post("billing.catalog", "/billing/catalog", http => StripeJsonAsync(http, new JsonArray([.. account.SeedBillingCatalog()])));
        routes.Post("subscriptions.seed", "/subscriptions", SeedSubscription);
        routes.Post("subscriptions.renew", "/subscriptions/{id}/renew", RenewSubscription);
        routes.Post("subscriptions.change", "/subscriptions/{id}/change", ChangeSubscription);
        routes.Post("subscriptions.cancel", "/subscriptions/{id}/cancel", CancelSubscription);
        routes.Post("invoices.pay", "/invoices/{id}/pay", PayInvoice);
        routes.Post("invoices.void", "/invoices/{id}/void", http => Stripe(http, () => account.VoidInvoice((string)http.GetRouteValue("id")!), StatusCodes.Status200OK));
        routes.Post("charges.dispute", "/charges/{id}/dispute", OpenDispute);
        routes.Post("charges.early_fraud_warning", "/charges/{id}/early_fraud_warning", http =>
            Stripe(http, () => account.CreateEarlyFraudWarning((string)http.GetRouteValue("id")!), StatusCodes.Status201Created));
        routes.Post("disputes.close", "/disputes/{id}/close", CloseDispute);
        routes.Post("refunds.fail", "/refunds/{id}/fail", FailRefund);
        routes.Post("checkout.complete", "/checkout/sessions/{id}/complete", CompleteCheckout);
        routes.Post("payouts.run", "/payouts", RunPayouts);
        routes.Post("payouts.fail", "/payouts/{id}/fail", FailPayout);
        routes.Post("balance.settle", "/balance/settle", http => ControlJson.WriteAsync(http, new { settled = account.SettleAll() }));
        routes.Get("webhook.show", "/webhook", http => ControlJson.WriteAsync(http, new { endpoint = account.Webhooks.Endpoint }));
        routes.Put("webhook.configure", "/webhook", ConfigureWebhook);
        routes.Delete("webhook.disable", "/webhook", http =>
        {
            account.Webhooks.Disable();
            http.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        });
        // The endpoint is down (the gateway's outage, seen from Stripe): each delivery fails and the event stays owed.
        routes.Post("webhook.down", "/webhook/down", http =>
        {
            account.Webhooks.GoDown();
            http.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        });
        routes.Post("webhook.up", "/webhook/up", http =>
        {
            account.Webhooks.ComeBack();
            http.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        });
        routes.Get("events.list", "/events", http => ControlJson.WriteAsync(http, account.Events.Select(Summary)));
        routes.Post("events.emit", "/events", EmitEvent);
        routes.Post("events.deliver", "/events/{id}/deliver", DeliverEvent);
    }

    Task ListObjects(HttpContext http)
    {
        var type = (string)http.GetRouteValue("type")!;
        return ObjectTypes.Contains(type)
            ? StripeJsonAsync(http, new JsonArray([.. account.List(type)]))
            : ControlJson.ErrorAsync(http, StatusCodes.Status404NotFound, $"Unknown object type '{type}'; known: {string.Join(", ", ObjectTypes)}.");
    }

    async Task SeedCharge(HttpContext http)
    {
        if (await ControlJson.ReadAsync<SeedChargeRequest>(http) is not { } request) return;
        if (request.Amount is <= 0 || request.Currency is { Length: not 3 })
        {
            await ControlJson.ErrorAsync(http, StatusCodes.Status400BadRequest, "amount must be a positive number of minor units and currency a 3-letter code.");
            return;
        }
        string id;
        try
        {
            id = account.AddCharge(request.ToSpec(time.GetUtcNow()), request.Emit, request.Card);
        }
        catch (ArgumentException e)
        {
            await ControlJson.ErrorAsync(http, StatusCodes.Status400BadRequest, e.Message);
            return;
        }
        catch (StripeApiException e)
        {
            await ControlJson.ErrorAsync(http, StatusCodes.Status400BadRequest, e.Message);
            return;
        }
        await StripeJsonAsync(http, account.Get(id)!, StatusCodes.Status201Created);
    }

    async Task SeedCharges(HttpContext http)
    {
        if (await ControlJson.ReadAsync<SeedChargesRequest>(http) is not { } request) return;
        if (request.Count is not (>= 1 and <= StripeAccount.MaxBulkCharges) || request.Amount is <= 0 || request.Currency is { Length: not 3 })
        {
            await ControlJson.ErrorAsync(http, StatusCodes.Status400BadRequest,
                $"count must be 1 to {StripeAccount.MaxBulkCharges}, amount a positive number of minor units and currency a 3-letter code.");
            return;
        }
        IReadOnlyList<string> ids;
        try
        {
            ids = account.AddCharges(request.Count.Value, request.Amount ?? 1000, request.Currency ?? "usd", request.Metadata, request.Description);
        }
        catch (StripeApiException e)
        {
            await ControlJson.ErrorAsync(http, StatusCodes.Status400BadRequest, e.Message);
            return;
        }
        await ControlJson.WriteAsync(http, new { created = ids.Count, chargeIds = ids }, StatusCodes.Status201Created);
    }

    async Task OpenDispute(HttpContext http)
    {
        var request = ControlJson.HasBody(http) ? await ControlJson.ReadAsync<OpenDisputeRequest>(http) : new OpenDisputeRequest();
        if (request is null) return;
        await Stripe(http, () => account.OpenDispute((string)http.GetRouteValue("id")!, request.Inquiry), StatusCodes.Status201Created);
    }

    async Task CloseDispute(HttpContext http)
    {
        if (await ControlJson.ReadAsync<CloseDisputeRequest>(http) is not { } request) return;
        if (request.Outcome is not ("won" or "lost"))
        {
            await ControlJson.ErrorAsync(http, StatusCodes.Status400BadRequest, "outcome must be won or lost.");
            return;
        }
        await Stripe(http, () => account.CloseDispute((string)http.GetRouteValue("id")!, request.Outcome == "won"), StatusCodes.Status200OK);
    }

    async Task FailRefund(HttpContext http)
    {
        var request = ControlJson.HasBody(http) ? await ControlJson.ReadAsync<FailRefundRequest>(http) : new FailRefundRequest();
        if (request is null) return;
        await Stripe(http, () => account.FailRefund((string)http.GetRouteValue("id")!, request.FailureReason ?? "expired_or_canceled_card"), StatusCodes.Status200OK);
    }

    async Task SeedCustomer(HttpContext http)
    {
        if (await ControlJson.ReadAsync<SeedCustomerRequest>(http) is not { } request) return;
        await Stripe(http, () => account.CreateCustomer(new CustomerFields
        {
            Email = request.Email, Name = request.Name, Description = request.Description, Phone = request.Phone, Address = request.Address,
            Metadata = request.Metadata is null ? null : MetadataUpdate.Set(request.Metadata),
        }), StatusCodes.Status201Created);
    }

    async Task UpdateCustomer(HttpContext http)
    {
        if (await ControlJson.ReadAsync<SeedCustomerRequest>(http) is not { } request) return;
        await Stripe(http, () => account.UpdateCustomer((string)http.GetRouteValue("id")!, new CustomerFields
        {
            Email = request.Email, Name = request.Name, Description = request.Description, Phone = request.Phone, Address = request.Address,
            Metadata = request.Metadata is null ? null : MetadataUpdate.Set(request.Metadata),
        }), StatusCodes.Status200OK);
    }

    async Task SeedSubscription(HttpContext http)
    {
        if (await ControlJson.ReadAsync<SeedSubscriptionRequest>(http) is not { } request) return;
        if (string.IsNullOrWhiteSpace(request.CustomerId) || request.Items is not { Count: > 0 })
        {
            await ControlJson.ErrorAsync(http, StatusCodes.Status400BadRequest, "customerId and items ([{\"price\": \"price_…\", \"quantity\": 1}]) are required.");
            return;
        }
        await Stripe(http, () => account.CreateSubscription(new SubscriptionFields
        {
            Customer = request.CustomerId, Items = [.. request.Items.Select(i => new SubscriptionItemFields(i.Price, i.Quantity))],
            DefaultPaymentMethod = request.PaymentMethod, CancelAtPeriodEnd = request.CancelAtPeriodEnd,
            Metadata = request.Metadata is null ? null : MetadataUpdate.Set(request.Metadata),
        }), StatusCodes.Status201Created);
    }

    async Task RenewSubscription(HttpContext http)
    {
        var request = ControlJson.HasBody(http) ? await ControlJson.ReadAsync<PaymentMethodRequest>(http) : new PaymentMethodRequest();
        if (request is null) return;
        await Stripe(http, () => account.RenewSubscription((string)http.GetRouteValue("id")!, request.PaymentMethod), StatusCodes.Status201Created);
    }

    async Task ChangeSubscription(HttpContext http)
    {
        if (await ControlJson.ReadAsync<ChangeSubscriptionRequest>(http) is not { } request) return;
        await Stripe(http, () => account.UpdateSubscription((string)http.GetRouteValue("id")!, new SubscriptionChange
        {
            Items = [.. (request.Items ?? []).Select(i => new SubscriptionItemChange(i.Id, i.Price, i.Quantity, i.Deleted))],
            ProrationBehavior = request.ProrationBehavior, ProrationDate = request.ProrationDate,
        }), StatusCodes.Status200OK);
    }

    async Task CancelSubscription(HttpContext http)
    {
        var request = ControlJson.HasBody(http) ? await ControlJson.ReadAsync<CancelSubscriptionRequest>(http) : new CancelSubscriptionRequest();
        if (request is null) return;
        var id = (string)http.GetRouteValue("id")!;
        await Stripe(http, () => request.AtPeriodEnd
            ? account.UpdateSubscription(id, new SubscriptionChange { CancelAtPeriodEnd = true })
            : account.CancelSubscription(id), StatusCodes.Status200OK);
    }

    async Task PayInvoice(HttpContext http)
    {
        var request = ControlJson.HasBody(http) ? await ControlJson.ReadAsync<PaymentMethodRequest>(http) : new PaymentMethodRequest();
        if (request is null) return;
        await Stripe(http, () => account.PayInvoice((string)http.GetRouteValue("id")!, request.PaymentMethod), StatusCodes.Status200OK);
    }

    async Task CompleteCheckout(HttpContext http)
    {
        var request = ControlJson.HasBody(http) ? await ControlJson.ReadAsync<CompleteCheckoutRequest>(http) : new CompleteCheckoutRequest();
        if (request is null) return;
        var id = (string)http.GetRouteValue("id")!;
        await Stripe(http, () =>
        {
            var charge = account.CompleteCheckoutSession(id, request.ToSpec(time.GetUtcNow()), request.Emit);
            return new JsonObject { ["session"] = account.Get(id), ["charge"] = account.Get(charge.Id) };
        }, StatusCodes.Status201Created);
    }

    async Task RunPayouts(HttpContext http)
    {
        var request = ControlJson.HasBody(http) ? await ControlJson.ReadAsync<RunPayoutsRequest>(http) : new RunPayoutsRequest();
        if (request is null) return;
        IReadOnlyList<JsonObject> payouts;
        try
        {
            payouts = account.RunPayouts(request.Currency?.ToLowerInvariant(), request.AmountSkewMinor);
        }
        catch (StripeApiException e)
        {
            await ControlJson.ErrorAsync(http, StatusCodes.Status400BadRequest, e.Message);
            return;
        }
        if (payouts.Count == 0)
        {
            await ControlJson.ErrorAsync(http, StatusCodes.Status409Conflict, "No available balance to pay out" + (request.Currency is null ? "." : $" in {request.Currency}."));
            return;
        }
        await StripeJsonAsync(http, new JsonObject { ["payouts"] = new JsonArray([.. payouts]) }, StatusCodes.Status201Created);
    }

    async Task FailPayout(HttpContext http)
    {
        var request = ControlJson.HasBody(http) ? await ControlJson.ReadAsync<FailPayoutRequest>(http) : new FailPayoutRequest();
        if (request is null) return;
        await Stripe(http, () => account.FailPayout((string)http.GetRouteValue("id")!, request.Code), StatusCodes.Status200OK);
    }

    async Task ConfigureWebhook(HttpContext http)
    {
        if (await ControlJson.ReadAsync<WebhookRequest>(http) is not { } request) return;
        try
        {
            var endpoint = account.Webhooks.Configure(request.Url ?? "", request.Secret);
            await ControlJson.WriteAsync(http, new { endpoint });
        }
        catch (ArgumentException e)
        {
            await ControlJson.ErrorAsync(http, StatusCodes.Status400BadRequest, e.Message);
        }
    }

    async Task EmitEvent(HttpContext http)
    {
        if (await ControlJson.ReadAsync<EmitEventRequest>(http) is not { } request) return;
        if (string.IsNullOrWhiteSpace(request.Type) || string.IsNullOrWhiteSpace(request.ObjectId))
        {
            await ControlJson.ErrorAsync(http, StatusCodes.Status400BadRequest, "type and objectId are required.");
            return;
        }
        JsonObject evt;
        try
        {
            evt = account.EmitEvent(request.Type, request.ObjectId);
        }
        catch (KeyNotFoundException e)
        {
            await ControlJson.ErrorAsync(http, StatusCodes.Status404NotFound, e.Message);
            return;
        }
        await StripeJsonAsync(http, evt, StatusCodes.Status201Created);
    }

    async Task DeliverEvent(HttpContext http)
    {
        var id = (string)http.GetRouteValue("id")!;
        if (account.FindEvent(id) is null)
        {
            await ControlJson.ErrorAsync(http, StatusCodes.Status404NotFound, $"No event {id}.");
            return;
        }
        if (account.Webhooks.Endpoint is null)
        {
            await ControlJson.ErrorAsync(http, StatusCodes.Status409Conflict, "No webhook endpoint is configured (PUT /_sim/webhook).");
            return;
        }
        var delivery = await account.Webhooks.DeliverAsync(id, http.RequestAborted);
        await ControlJson.WriteAsync(http, delivery);
    }

    static object Summary(StripeEventRecord record) => new
    {
        id = record.Id,
        type = record.Type,
        objectId = (string?)record.Event["data"]?["object"]?["id"],
        created = (long?)record.Event["created"],
        state = record.State,
        attempts = record.Attempts,
    };

    /// <summary>Runs an account operation; a Stripe refusal becomes a 400 with its message.</summary>
    static Task Stripe(HttpContext http, Func<JsonObject> operation, int status)
    {
        try
        {
            return StripeJsonAsync(http, operation(), status);
        }
        catch (StripeApiException e)
        {
            return ControlJson.ErrorAsync(http, StatusCodes.Status400BadRequest, e.Message);
        }
    }

    static async Task StripeJsonAsync(HttpContext http, JsonNode body, int status = StatusCodes.Status200OK)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json; charset=utf-8";
        await http.Response.WriteAsync(body.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
    }
}
