using System.Globalization;
using Payments.ServiceDefaults;
using Payments.Simulators.P21;
using Payments.Simulators.P21.Store;
using Payments.Simulators.Stripe.Account;

namespace Payments.Testing.Cluster;

/// <summary>The waits a cluster's services are configured with: shorter than production's, so that tests and runs end in time.</summary>
public sealed record ServiceTimings
{
    /// <summary>
    /// Quick retries and the redelivery wait (wait queue <c>payments-wait-&lt;n&gt;s</c>). Longer than a slow P21 call outlives our
    /// time-out, so that a retry looks for the order only once P21 has finished creating it.
    /// </summary>
    public TimeSpan RetryInterval { get; init; } = TimeSpan.FromSeconds(4);
    /// <summary>P21's client gives up after this (plus <see cref="P21PoolWait"/> on the Transaction API).</summary>
    public TimeSpan P21RequestTimeout { get; init; } = TimeSpan.FromSeconds(2);
    /// <summary>How long P21 lets a Transaction API call wait for an API instance, as the P21 service is told.</summary>
    public TimeSpan P21PoolWait { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>A refund or dispute that beats its sale's P21 document reads the charge again after this (production: 15 min).</summary>
    public TimeSpan MoneyBackRecheck { get; init; } = TimeSpan.FromSeconds(2);
    /// <summary>How often the Znode service polls returns and accounts (production: 30 s and 1 min).</summary>
    public TimeSpan ZnodePollInterval { get; init; } = TimeSpan.FromSeconds(1);
}

/// <summary>
/// The environment variables every service of the one table needs to run against a broker (a virtual host), its databases and the
/// simulated systems: what a deployment's compose file sets, with the simulators' seed (P21's locations, accounts and items, the
/// Stripe fake's billing catalogue) and short waits.
/// </summary>
public static class ServiceEnvironment
{
    /// <summary>The Stripe webhook signing secret the gateway accepts.</summary>
    public const string WebhookSecret = "whsec_flow_tests_0123456789abcdef";
    /// <summary>The shared secret the Znode service accepts on <c>/webhooks/znode</c> (Znode 10's webhook).</summary>
    public const string ZnodeWebhookSecret = "znode_flow_tests_0123456789abcdef";

    /// <summary>The bus settings alone (what the operator's command needs too).</summary>
    public static Dictionary<string, string> Bus(RabbitMqOptions rabbit, string queueType) => new()
    {
        ["Bus__Transport"] = "RabbitMq",
        ["Bus__RabbitMq__Host"] = rabbit.Host,
        ["Bus__RabbitMq__Port"] = rabbit.Port.ToString(CultureInfo.InvariantCulture),
        ["Bus__RabbitMq__VirtualHost"] = rabbit.VirtualHost,
        ["Bus__RabbitMq__Username"] = rabbit.Username,
        ["Bus__RabbitMq__Password"] = rabbit.Password,
        ["Bus__RabbitMq__ManagementUri"] = rabbit.ManagementUri,
        ["Bus__RabbitMq__QueueType"] = queueType,
    };

    public static Dictionary<string, string> Build(RabbitMqOptions rabbit, string queueType, ServiceDatabases databases, SimulatedSystems systems,
        ServiceTimings? timings = null)
    {
        timings ??= new ServiceTimings();
        var retry = timings.RetryInterval.ToString("c");
        var recheck = timings.MoneyBackRecheck.ToString("c");
        var poll = timings.ZnodePollInterval.ToString("c");
        var (p21, stripe, znode, mail) = (systems.P21, systems.Stripe, systems.Znode, systems.Mail);
        var settings = Bus(rabbit, queueType);
        foreach (var (key, value) in new Dictionary<string, string>
        {
            ["Bus__Retry__Immediate__0"] = retry,
            ["Bus__Retry__Immediate__1"] = retry,
            ["Bus__Retry__Redelivery__0"] = retry,
            ["Gateway__WebhookSecrets__0"] = WebhookSecret,
            // The caller says which events reach the gateway; the missed-event sweep (tested in Payments.Gateway.Tests) would
            // otherwise feed, every 5 minutes, the fake's events nobody sent.
            ["Gateway__Sweep__Enabled"] = "false",
            // As compose ships it: the charge of a Billing invoice goes to stripe-subscription, never to charge-to-order.
            ["Gateway__Routing__Rules__0__Name"] = "billing",
            ["Gateway__Routing__Rules__0__Flow"] = "stripe-subscription",
            ["Gateway__Routing__Rules__0__Field"] = "invoice",
            ["StripeRefund__RecheckAfter"] = recheck,
            ["StripeRefund__MaxRechecks"] = "30",
            ["StripeDispute__RecheckAfter"] = recheck,
            ["StripeDispute__MaxRechecks"] = "30",
            // A paid Billing invoice's lines: the catalogue's plans on the simulator's subscription items, exclusive tax on its tax item. The
            // extra seat is left unmapped, so an invoice of it is quarantined.
            [$"P21__Subscriptions__Items__{StripeAccount.BillingCatalog.SupportPlanProduct}"] = P21Seed.SubscriptionStandardItemId,
            [$"P21__Subscriptions__Items__{StripeAccount.BillingCatalog.SupportPlusProduct}"] = P21Seed.SubscriptionProItemId,
            ["P21__Subscriptions__TaxItemId"] = P21Seed.SubscriptionTaxItemId,
            ["P21__RequestTimeout"] = timings.P21RequestTimeout.ToString("c"),
            ["P21__SessionPoolWait"] = timings.P21PoolWait.ToString("c"),
            ["Stripe__ApiKey"] = "sk_test_flows",
            ["Stripe__ApiBase"] = stripe.ApiBase,
            ["Znode__BaseUrl"] = znode.BaseUrl,
            ["Znode__DomainName"] = znode.Options.DomainName,
            ["Znode__ApiKey"] = znode.Options.ApiKey,
            ["Znode__Webhook__Secrets__0"] = ZnodeWebhookSecret,
            ["Znode__Returns__PollInterval"] = poll,
            ["Znode__Returns__Overlap"] = "00:00:05",
            ["Znode__Accounts__PollInterval"] = poll,
            ["Znode__Accounts__Overlap"] = "00:00:05",
            ["Znode__Mail__Host"] = mail.Host,
            ["Znode__Mail__Port"] = mail.Port.ToString(CultureInfo.InvariantCulture),
            ["Znode__Mail__Security"] = "None",
            ["Znode__Mail__From"] = "orders@maple-supply.example",
        })
            settings[key] = value;
        foreach (var (key, value) in P21(p21))
            settings[key] = value;
        foreach (var (key, value) in databases.Settings)
            settings[key] = value;
        return settings;
    }

    /// <summary>
    /// The P21 service's settings for the P21 simulator: its address and API user, and the mapping onto its seed (location 10, salesrep
    /// 1100, branch 10; its chart of accounts for journals, disputes and payouts).
    /// </summary>
    public static Dictionary<string, string> P21(P21Simulator p21)
    {
        var settings = new Dictionary<string, string>
        {
            ["P21__BaseUrl"] = p21.BaseUrl,
            ["P21__Username"] = p21.Options.Username,
            ["P21__Password"] = p21.Options.Password,
            ["P21__CompanyId"] = p21.Options.CompanyId,
            // The simulator's seed: location 10, salesrep 1100, branch 10.
            ["P21__SalesOrders__SalesLocationId"] = "10",
            ["P21__SalesOrders__SourceLocationId"] = "10",
            ["P21__SalesOrders__Taker"] = "STRIPE",
            ["P21__Customers__SalesrepId"] = "1100",
            ["P21__Customers__DefaultBranch"] = "10",
            // The simulator's chart of accounts: a paid Znode order debits Stripe clearing and credits customer deposits.
            ["P21__Journals__DebitAccount"] = P21Seed.StripeClearingAccount,
            ["P21__Journals__CreditAccount"] = P21Seed.CustomerDepositsAccount,
            ["P21__Journals__JournalId"] = "CR",
            ["P21__Disputes__DisputedFundsAccount"] = P21Seed.DisputedFundsAccount,
            ["P21__Disputes__FeeAccount"] = P21Seed.DisputeFeesAccount,
        };
        // A payout's journal: the simulator's accounts (P21:Payouts:Accounts is required).
        foreach (var (key, value) in P21Seed.PayoutAccountSettings("__"))
            settings[key] = value;
        return settings;
    }
}
