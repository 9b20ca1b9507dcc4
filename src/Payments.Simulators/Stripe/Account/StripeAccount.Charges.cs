using System.Text.Json.Nodes;
using Payments.Simulators.Stripe.Api;

namespace Payments.Simulators.Stripe.Account;

/// <summary>What a charge attempt carries over from its PaymentIntent or Charges API call.</summary>
public sealed record ChargeFields
{
    public required long Amount { get; init; }
    public required string Currency { get; init; }
    public string? Customer { get; init; }
    public string? Description { get; init; }
    public string? ReceiptEmail { get; init; }
    public string? StatementDescriptor { get; init; }
    public MetadataUpdate? Metadata { get; init; }
}

public sealed partial class StripeAccount
{
    /// <summary>The cards behind the payment method ids the fake handed out for <c>pm_card_…</c> / <c>tok_…</c>.</summary>
    readonly Dictionary<string, TestCard> _cards = new(StringComparer.Ordinal);

    /// <summary>The test card each succeeded charge was paid with (what its refunds and disputes do depends on it).</summary>
    readonly Dictionary<string, TestCard> _cardOfCharge = new(StringComparer.Ordinal);

    /// <summary>
    /// Adds (or replaces) a succeeded charge built from <paramref name="spec"/>, with its balance transaction (amount, fee, net); with
    /// <paramref name="emit"/> also emits <c>charge.succeeded</c>. Returns the charge id.
    /// </summary>
    /// <remarks>
    /// With <paramref name="card"/> (a test card name such as <c>createDispute</c>, <c>riskLevelElevated</c>) the charge gets that card's
    /// Radar outcome and what follows it in test mode (a dispute, an early fraud warning, failing refunds), as if paid with it.
    /// </remarks>
    public string AddCharge(ChargeSpec spec, bool emit = false, string? card = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        lock (Gate)
        {
            var testCard = card is null ? null : TestCards.ForName(card) ?? throw new ArgumentException($"No test card named '{card}'; known: {string.Join(", ", TestCards.Names)}.", nameof(card));
            if (testCard is { Declines: true })
                throw new ArgumentException($"Test card '{card}' declines; a seeded charge has succeeded.", nameof(card));
            var charge = spec.ToJson();
            charge["balance_transaction"] = Find(spec.Id) is { } existing && (string?)existing["balance_transaction"] is { } txn
                ? txn
                : SettleCharge(spec.Id, spec.Amount, spec.Currency, spec.Description, immediately: false);
            charge["disputed"] = false;
            charge["amount_refunded"] = 0L;
            charge["refunded"] = false;
            if (testCard is not null) charge["outcome"] = Outcome(testCard, approved: true);
            Store(charge);
            if (emit) Emit("charge.succeeded", charge);
            if (testCard is not null) AfterApproval(charge, testCard);
            return spec.Id;
        }
    }

    /// <summary>How many charges <see cref="AddCharges"/> adds at most in one call.</summary>
    public const int MaxBulkCharges = 100_000;

    /// <summary>
    /// Adds <paramref name="count"/> succeeded charges in one go, for benchmarks and large payouts: each with its balance transaction,
    /// available at once (the next <see cref="RunPayouts"/> takes them all), and no event (a <c>charge.succeeded</c> each would flood the
    /// webhook endpoint and is not what a seed is for). In the values of <paramref name="metadata"/>, <c>{n}</c> becomes the charge's
    /// number in the batch (1 … count), so that each can name its own order (<c>"p21_order_no": "SO-{n}"</c>). Returns the ids, oldest first.
    /// </summary>
    public IReadOnlyList<string> AddCharges(int count, long amount, string currency = "usd", IReadOnlyDictionary<string, string>? metadata = null,
        string? description = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxBulkCharges);
        ArgumentOutOfRangeException.ThrowIfLessThan(amount, 1);
        ArgumentException.ThrowIfNullOrWhiteSpace(currency);
        currency = currency.Trim().ToLowerInvariant();
        lock (Gate)
        {
            _ = Settle(amount, currency); // refuses a currency the account can neither settle in nor convert before anything is added
            var created = _time.GetUtcNow();
            var ids = new List<string>(count);
            for (var n = 1; n <= count; n++)
            {
                var number = n.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var spec = new ChargeSpec
                {
                    Amount = amount, Currency = currency, Created = created, Description = description ?? $"Seeded charge {number} of {count}",
                    Metadata = metadata?.ToDictionary(m => m.Key, m => m.Value.Replace("{n}", number, StringComparison.Ordinal)) ?? [],
                };
                var charge = spec.ToJson();
                charge["balance_transaction"] = SettleCharge(spec.Id, amount, currency, spec.Description, immediately: true);
                charge["disputed"] = false;
                charge["amount_refunded"] = 0L;
                charge["refunded"] = false;
                Store(charge);
                ids.Add(spec.Id);
            }
            return ids;
        }
    }

    /// <summary>A Charges API charge (<c>POST /v1/charges</c>) on a test token (<c>tok_visa</c>, <c>tok_chargeDeclined</c>, …): succeeded or failed, with its events.</summary>
    public JsonObject CreateCharge(ChargeFields fields, string source)
    {
        lock (Gate)
        {
            var card = TestCards.ForToken(source) ?? throw StripeErrors.NoSuch("token", source, "source");
            if (fields.Customer is not null) Require("customer", fields.Customer, "customer", "customer");
            _ = Settle(fields.Amount, fields.Currency);
            return Copy(Charge(fields, card, StripeIds.New("card"), paymentIntentId: null));
        }
    }

    /// <summary>Changes a charge's metadata, description or receipt e-mail and emits <c>charge.updated</c> with the previous values.</summary>
    public JsonObject UpdateCharge(string chargeId, MetadataUpdate? metadata, string? description = null, string? receiptEmail = null)
    {
        lock (Gate)
        {
            var charge = Require("charge", chargeId, "charge");
            var previous = new JsonObject();
            void Set(string name, JsonNode? value)
            {
                if (JsonNode.DeepEquals(charge[name], value)) return;
                previous[name] = charge[name]?.DeepClone();
                charge[name] = value;
            }
            if (metadata is not null) Set("metadata", metadata.ApplyTo(charge["metadata"]));
            if (description is not null) Set("description", Blank(description));
            if (receiptEmail is not null) Set("receipt_email", Blank(receiptEmail));
            if (previous.Count > 0) Emit("charge.updated", charge, previous);
            return Copy(charge);
        }
    }

    /// <summary>Charges <paramref name="card"/>: a succeeded charge gets its balance transaction; either way its event is emitted.</summary>
    JsonObject Charge(ChargeFields fields, TestCard card, string paymentMethodId, string? paymentIntentId)
    {
        var spec = new ChargeSpec
        {
            Id = StripeIds.New("ch"), PaymentIntentId = paymentIntentId, Amount = fields.Amount, Currency = fields.Currency, BillingName = null, BillingEmail = null,
            ReceiptEmail = fields.ReceiptEmail, CustomerId = fields.Customer, Description = fields.Description, Created = _time.GetUtcNow(),
        };
        var charge = spec.ToJson();
        charge["metadata"] = fields.Metadata?.ApplyTo(null) ?? new JsonObject();
        charge["payment_method"] = paymentMethodId;
        charge["statement_descriptor"] = fields.StatementDescriptor;
        if (_options.ChargeInvoiceField && InvoiceOfPaymentIntent(paymentIntentId) is { } invoiceId) charge["invoice"] = invoiceId;
        if (charge["payment_method_details"]?["card"] is JsonObject details)
        {
            details["brand"] = card.Brand;
            details["network"] = card.Brand;
            details["last4"] = card.Last4;
        }
        if (card.Declines)
        {
            charge["status"] = "failed";
            charge["paid"] = false;
            charge["captured"] = false;
            charge["amount_captured"] = 0;
            charge["failure_code"] = card.ErrorCode;
            charge["failure_message"] = card.Message;
            charge["outcome"] = Outcome(card, approved: false);
            Store(charge);
            Emit("charge.failed", charge);
            return charge;
        }
        charge["outcome"] = Outcome(card, approved: true);
        charge["disputed"] = false;
        charge["amount_refunded"] = 0L;
        charge["refunded"] = false;
        charge["balance_transaction"] = SettleCharge(spec.Id, fields.Amount, fields.Currency, fields.Description, immediately: card.Last4 == "0077");
        Store(charge);
        Emit("charge.succeeded", charge);
        AfterApproval(charge, card);
        return charge;
    }

    /// <summary>What Stripe's test mode does after a test card's payment succeeded: a dispute or an early fraud warning.</summary>
    void AfterApproval(JsonObject charge, TestCard card)
    {
        _cardOfCharge[(string)charge["id"]!] = card;
        if (card.Dispute is { } kind) OpenDispute(charge, inquiry: kind == "inquiry");
        if (card.EarlyFraudWarning) CreateEarlyFraudWarning(charge);
    }

    static JsonObject Outcome(TestCard card, bool approved) => new()
    {
        ["advice_code"] = null,
        ["network_advice_code"] = null,
        ["network_decline_code"] = null,
        ["network_status"] = approved ? "approved_by_network" : "declined_by_network",
        ["reason"] = approved ? null : card.DeclineCode,
        ["risk_level"] = card.RiskLevel,
        ["risk_score"] = card.RiskScore,
        ["seller_message"] = approved ? "Payment complete." : "The bank did not return any further details with this decline.",
        ["type"] = approved ? "authorized" : "issuer_declined",
    };

    /// <summary>The card behind a payment method name (<c>pm_card_visa</c>) or an id this fake handed out; null when unknown.</summary>
    TestCard? CardOf(string paymentMethod) => TestCards.ForPaymentMethod(paymentMethod) ?? _cards.GetValueOrDefault(paymentMethod);

    /// <summary>A payment method object for <paramref name="card"/> (as Stripe makes one from <c>pm_card_visa</c>), stored for expansion.</summary>
    JsonObject NewPaymentMethod(TestCard card, string? customer)
    {
        var method = StripeFixtures.Resource("payment_method");
        method["id"] = StripeIds.New("pm");
        method["created"] = Now;
        method["customer"] = customer;
        method["metadata"] = new JsonObject();
        method["billing_details"] = new JsonObject
        {
            ["address"] = new JsonObject(AddressFields.Select(f => KeyValuePair.Create(f, (JsonNode?)null))),
            ["email"] = null, ["name"] = null, ["phone"] = null, ["tax_id"] = null,
        };
        if (method["card"] is JsonObject details)
        {
            details["brand"] = card.Brand;
            details["display_brand"] = card.Brand;
            details["last4"] = card.Last4;
        }
        _cards[(string)method["id"]!] = card;
        return Store(method);
    }

    /// <summary>Stripe's fixture charge and the balance transaction it names, as Stripe's own fixtures have them.</summary>
    internal void SeedFixtureCharge()
    {
        lock (Gate)
        {
            Store(StripeFixtures.Resource("balance_transaction"));
            Store(StripeFixtures.Resource("charge"));
        }
    }
}
