namespace Payments.Simulators.Stripe.Control;

/// <summary>The body of <c>POST /_sim/charges</c>: a succeeded charge as a <see cref="ChargeSpec"/> (every field optional), emitted as <c>charge.succeeded</c> unless <c>emit</c> is false.</summary>
public sealed record SeedChargeRequest
{
    public string? Id { get; init; }
    public string? PaymentIntentId { get; init; }
    public bool WithoutPaymentIntent { get; init; }
    public long? Amount { get; init; }
    public string? Currency { get; init; }
    public string? BillingEmail { get; init; }
    public string? BillingName { get; init; }
    public string? ReceiptEmail { get; init; }
    public string? CustomerId { get; init; }
    public string? Description { get; init; }
    public Dictionary<string, string>? Metadata { get; init; }
    public string? ShippingName { get; init; }
    public StripeAddress? ShippingAddress { get; init; }
    public bool Emit { get; init; } = true;
    /// <summary>A test card name (<c>createDispute</c>, <c>createDisputeInquiry</c>, <c>createEarlyFraudWarning</c>, <c>refundFail</c>, <c>riskLevelElevated</c>, <c>riskLevelHighest</c>): its Radar outcome and what follows its payment.</summary>
    public string? Card { get; init; }

    public ChargeSpec ToSpec(DateTimeOffset now)
    {
        var spec = new ChargeSpec { Created = now };
        return spec with
        {
            Id = Id ?? spec.Id,
            PaymentIntentId = WithoutPaymentIntent ? null : PaymentIntentId ?? spec.PaymentIntentId,
            Amount = Amount ?? spec.Amount,
            Currency = Currency?.ToLowerInvariant() ?? spec.Currency,
            BillingEmail = BillingEmail,
            BillingName = BillingName ?? spec.BillingName,
            ReceiptEmail = ReceiptEmail,
            CustomerId = CustomerId,
            Description = Description ?? spec.Description,
            Metadata = Metadata ?? [],
            ShippingName = ShippingName,
            ShippingAddress = ShippingAddress,
        };
    }
}

/// <summary>
/// The body of <c>POST /_sim/checkout/sessions/{id}/complete</c> (may be empty): the customer pays the session on Stripe's hosted
/// page. The charge is for the session's total in its currency; these choose the rest.
/// </summary>
public sealed record CompleteCheckoutRequest
{
    public string? ChargeId { get; init; }
    public string? PaymentIntentId { get; init; }
    public string? Email { get; init; }
    public string? Name { get; init; }
    public string? CustomerId { get; init; }
    public string? ShippingName { get; init; }
    public StripeAddress? ShippingAddress { get; init; }
    public bool Emit { get; init; } = true;

    public ChargeSpec ToSpec(DateTimeOffset now)
    {
        var spec = new ChargeSpec { Created = now, Description = null };
        return spec with
        {
            Id = ChargeId ?? spec.Id,
            PaymentIntentId = PaymentIntentId ?? spec.PaymentIntentId,
            BillingEmail = Email,
            BillingName = Name,
            CustomerId = CustomerId,
            ShippingName = ShippingName,
            ShippingAddress = ShippingAddress,
        };
    }
}

/// <summary>The body of <c>POST /_sim/customers</c>.</summary>
public sealed record SeedCustomerRequest
{
    public string? Email { get; init; }
    public string? Name { get; init; }
    public string? Description { get; init; }
    public string? Phone { get; init; }
    public Dictionary<string, string>? Address { get; init; }
    public Dictionary<string, string>? Metadata { get; init; }
}

/// <summary>The body of <c>POST /_sim/payouts</c> (may be empty: every currency).</summary>
public sealed record RunPayoutsRequest
{
    public string? Currency { get; init; }

    /// <summary>
    /// Fault injection, never done by Stripe: each payout's amount differs from its transactions' net sum by this many minor units
    /// (1: a cent over), standing for a transaction the reconciler missed. 0 (default): the payout as Stripe makes it.
    /// </summary>
    public long AmountSkewMinor { get; init; }
}

/// <summary>
/// The body of <c>POST /_sim/charges/bulk</c>: <c>count</c> succeeded charges (at most <see cref="Account.StripeAccount.MaxBulkCharges"/>) of
/// <c>amount</c> (default 1000) in <c>currency</c> (default <c>usd</c>), available at once and without events; <c>{n}</c> in a
/// <c>metadata</c> value becomes the charge's number in the batch.
/// </summary>
public sealed record SeedChargesRequest
{
    public int? Count { get; init; }
    public long? Amount { get; init; }
    public string? Currency { get; init; }
    public Dictionary<string, string>? Metadata { get; init; }
    public string? Description { get; init; }
}

/// <summary>The body of <c>POST /_sim/payouts/{id}/fail</c> (may be empty): Stripe's <c>failure_code</c>, <c>account_closed</c> by default.</summary>
public sealed record FailPayoutRequest
{
    public string? FailureCode { get; init; }

    /// <summary>The same, spelt as Stripe spells the payout's field.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("failure_code")]
    public string? StripeFailureCode { get; init; }

    internal string Code => FailureCode ?? StripeFailureCode ?? "account_closed";
}

/// <summary>The body of <c>PUT /_sim/webhook</c>.</summary>
public sealed record WebhookRequest
{
    public string? Url { get; init; }
    public string? Secret { get; init; }
}

/// <summary>The body of <c>POST /_sim/events</c>: emit an event of any type about an existing object.</summary>
public sealed record EmitEventRequest
{
    public string? Type { get; init; }
    public string? ObjectId { get; init; }
}

/// <summary>The body of <c>POST /_sim/charges/{id}/dispute</c> (may be empty): a chargeback, or an inquiry.</summary>
public sealed record OpenDisputeRequest
{
    public bool Inquiry { get; init; }
}

/// <summary>The body of <c>POST /_sim/disputes/{id}/close</c>: <c>won</c> or <c>lost</c>, as the card network decided.</summary>
public sealed record CloseDisputeRequest
{
    public string? Outcome { get; init; }
}

/// <summary>The body of <c>POST /_sim/refunds/{id}/fail</c> (may be empty): Stripe's <c>failure_reason</c>, <c>expired_or_canceled_card</c> by default.</summary>
public sealed record FailRefundRequest
{
    public string? FailureReason { get; init; }
}

/// <summary>One item of <c>POST /_sim/subscriptions</c>: a recurring price and how many.</summary>
public sealed record SeedSubscriptionItem(string Price, long Quantity = 1);

/// <summary>The body of <c>POST /_sim/subscriptions</c>: a subscription of an existing customer, its first invoice charged at once.</summary>
public sealed record SeedSubscriptionRequest
{
    public string? CustomerId { get; init; }
    public List<SeedSubscriptionItem>? Items { get; init; }
    /// <summary>The card on file (<c>pm_card_visa</c>, <c>pm_card_chargeDeclined</c>, …); default <c>pm_card_visa</c>.</summary>
    public string? PaymentMethod { get; init; }
    public bool CancelAtPeriodEnd { get; init; }
    public Dictionary<string, string>? Metadata { get; init; }
}

/// <summary>The body of <c>POST /_sim/subscriptions/{id}/renew</c> and <c>POST /_sim/invoices/{id}/pay</c> (may be empty: the card on file).</summary>
public sealed record PaymentMethodRequest
{
    public string? PaymentMethod { get; init; }
}

/// <summary>One item of <c>POST /_sim/subscriptions/{id}/change</c>: an existing item (<c>id</c>) changed or deleted, or a new price.</summary>
public sealed record ChangeSubscriptionItem(string? Id, string? Price, long? Quantity, bool Deleted = false);

/// <summary>The body of <c>POST /_sim/subscriptions/{id}/change</c>: a mid-cycle change, as <c>POST /v1/subscriptions/{id}</c>.</summary>
public sealed record ChangeSubscriptionRequest
{
    public List<ChangeSubscriptionItem>? Items { get; init; }
    /// <summary><c>create_prorations</c> (default), <c>always_invoice</c>, <c>none</c>.</summary>
    public string? ProrationBehavior { get; init; }
    /// <summary>Unix seconds the change counts from; default now.</summary>
    public long? ProrationDate { get; init; }
}

/// <summary>The body of <c>POST /_sim/subscriptions/{id}/cancel</c>: now (default) or at the end of the period.</summary>
public sealed record CancelSubscriptionRequest
{
    public bool AtPeriodEnd { get; init; }
}
