namespace Payments.Simulators.Stripe;

public sealed record StripeApiFakeOptions
{
    /// <summary>Configuration section used by the stand-alone simulator host.</summary>
    public const string Section = "Simulators:Stripe";

    public string Host { get; init; } = "127.0.0.1";
    /// <summary>0 picks a free port; the real address is <see cref="StripeApiFake.ApiBase"/>.</summary>
    public int Port { get; init; }
    /// <summary>When set, only this key is accepted; otherwise any test-mode secret key (<c>sk_test_…</c>).</summary>
    public string? ApiKey { get; init; }
    /// <summary>Seed the fixture's own charge (<see cref="StripeApiFake.FixtureChargeId"/>) and its balance transaction.</summary>
    public bool SeedFixtureCharge { get; init; } = true;
    /// <summary>Seed the billing catalogue (<c>StripeAccount.BillingCatalog</c>: products and monthly prices with fixed ids) at start.</summary>
    public bool SeedBillingCatalog { get; init; }
    /// <summary>
    /// Also set <c>invoice</c> on the charge (and payment intent) of a subscription invoice, as API versions before 2025-03-31.basil did.
    /// Off by default: the version the fake serves (Stripe.net's) has no such field; an invoice's payments are its <c>invoice_payment</c> objects.
    /// </summary>
    public bool ChargeInvoiceField { get; init; }

    /// <summary>Send every event to this URL (e.g. the gateway's <c>/webhooks/stripe</c>); null: keep events without sending them.</summary>
    public string? WebhookUrl { get; init; }
    /// <summary>The endpoint secret events are signed with; a fresh <c>whsec_…</c> when null.</summary>
    public string? WebhookSecret { get; init; }
    /// <summary>How long a webhook POST may take before it counts as failed.</summary>
    public TimeSpan WebhookTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Processing fee per succeeded charge: this percentage of the settled amount (rounded half away from zero) plus <see cref="FeeFixed"/>; Stripe's US card price by default.</summary>
    public decimal FeePercent { get; init; } = 2.9m;
    /// <summary>Fixed part of the fee, in the settlement currency's minor units.</summary>
    public long FeeFixed { get; init; } = 30;

    /// <summary>
    /// The currencies the account keeps a balance in and pays out (lower case; null: <c>usd</c> only, a US account). A charge in one
    /// of them settles in it; a charge in any other currency is converted into the first of them at <see cref="ExchangeRates"/>, as
    /// Stripe converts a presentment currency the account cannot settle in (docs.stripe.com/currencies/conversions): its balance
    /// transaction's <c>amount</c>, <c>fee</c> and <c>net</c> are in the settlement currency and <c>exchange_rate</c> is set.
    /// Null rather than a list default because the configuration binder appends to a default list instead of replacing it.
    /// </summary>
    public IReadOnlyList<string>? SettlementCurrencies { get; init; }

    /// <summary>
    /// Stripe's <c>exchange_rate</c> per presentment currency (lower case): one major unit of it in major units of the first settlement
    /// currency (eur 1.08: 10.00 EUR settles as 10.80 USD). Given rates replace the defaults of the same currency
    /// (<see cref="DefaultExchangeRates"/>); a charge in a currency without a rate that the account does not settle in is refused.
    /// </summary>
    public IReadOnlyDictionary<string, decimal>? ExchangeRates { get; init; }

    /// <summary>Rough market rates into USD, enough for the currencies the tests and the sandbox use.</summary>
    public static readonly IReadOnlyDictionary<string, decimal> DefaultExchangeRates = new Dictionary<string, decimal>
    {
        ["eur"] = 1.08m, ["gbp"] = 1.27m, ["jpy"] = 0.0067m, ["cad"] = 0.73m, ["aud"] = 0.66m, ["chf"] = 1.13m, ["kwd"] = 3.25m,
    };

    internal IReadOnlyList<string> SettlementCurrencyCodes =>
        SettlementCurrencies is { Count: > 0 } currencies ? [.. currencies.Select(c => c.Trim().ToLowerInvariant()).Distinct()] : ["usd"];

    internal IReadOnlyDictionary<string, decimal> ExchangeRateTable
    {
        get
        {
            var rates = new Dictionary<string, decimal>(DefaultExchangeRates, StringComparer.Ordinal);
            foreach (var (currency, rate) in ExchangeRates ?? new Dictionary<string, decimal>())
                rates[currency.Trim().ToLowerInvariant()] = rate > 0 ? rate : throw new ArgumentException($"ExchangeRates:{currency} must be positive; got {rate}.");
            return rates;
        }
    }
    /// <summary>How long a charge's funds stay pending before they are available for a payout (Stripe: days; 0 = at once).</summary>
    public TimeSpan AvailableAfter { get; init; }

    /// <summary>Stripe's dispute fee, withdrawn with a chargeback and returned when it is won, in the settlement currency's minor units (US: $15.00).</summary>
    public long DisputeFee { get; init; } = 1500;
    /// <summary>How long after a dispute opens its evidence is due (<c>evidence_details.due_by</c>); card networks allow days to weeks.</summary>
    public TimeSpan DisputeResponseWindow { get; init; } = TimeSpan.FromDays(7);

    /// <summary>How long an idempotency key's stored answer is replayed; Stripe prunes keys once they are at least 24 hours old.</summary>
    public TimeSpan IdempotencyKeyLifetime { get; init; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Injected statuses that Stripe produced while executing a POST, so they are stored against its idempotency key and replayed with
    /// <c>Stripe-Should-Retry: false</c>. Stripe documents this for <c>500</c>; whether a <c>502</c>–<c>504</c> is stored is not known
    /// (docs/external-apis/stripe.md#assumptions-not-confirmed), so by default (null: <c>500</c> only) they answer before the idempotency
    /// layer. Null rather than a list default because the configuration binder appends to a default list instead of replacing it.
    /// </summary>
    public IReadOnlyList<int>? StoredServerErrors { get; init; }

    internal IReadOnlyList<int> StoredServerErrorStatuses => StoredServerErrors ?? [500];

    /// <summary>Log requests to the console (the stand-alone host); tests keep it quiet.</summary>
    public bool ConsoleLogging { get; init; }
}
