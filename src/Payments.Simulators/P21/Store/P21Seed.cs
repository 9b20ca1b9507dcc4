namespace Payments.Simulators.P21.Store;

/// <summary>A small, fixed data set so a fresh simulator answers like a populated P21: a few customers (found by e-mail on the address or a contact), items and one historic order.</summary>
public static class P21Seed
{
    public const long AcmeCustomerId = 100198;
    public const string AcmeEmail = "ap@acme-supply.example";
    public const long BirchCustomerId = 100210;
    public const string BirchContactEmail = "buyer@birch-builders.example";
    public const long DeletedCustomerId = 100299;

    /// <summary>
    /// The chart of accounts a posting may use: Stripe's clearing account (the money on its way from Stripe), the bank and its clearing
    /// account for Stripe's payouts, receivables, customer deposits, web sales and their returns, disputed funds, Stripe's fees.
    /// </summary>
    public static readonly IReadOnlyList<(string Number, string Description)> GlAccounts =
    [
        (StripeClearingAccount, "Cash - Stripe clearing"), ("11130010", "Cash - operating"), (PayoutBankClearingAccount, "Cash - bank clearing (Stripe payouts)"),
        ("12100000", "Accounts receivable"), (CustomerDepositsAccount, "Customer deposits"), (WebSalesAccount, "Sales - web store"),
        (SalesReturnsAccount, "Sales returns - web store"), (DisputedFundsAccount, "Disputed funds - Stripe"), (DisputeFeesAccount, "Dispute fees - Stripe"),
        (StripeFeesAccount, "Stripe processing fees"), (StripeOtherFeesAccount, "Stripe other fees"),
    ];
    public const string StripeClearingAccount = "11120010";
    public const string CustomerDepositsAccount = "21500000";
    /// <summary>Where money Stripe withdrew for a dispute waits until the dispute is decided.</summary>
    public const string DisputedFundsAccount = "12950000";
    /// <summary>Stripe's dispute fees.</summary>
    public const string DisputeFeesAccount = "68100000";
    /// <summary>Where a Stripe payout lands: the bank's clearing account, debited with a payout's net.</summary>
    public const string PayoutBankClearingAccount = "11150010";
    /// <summary>Gross web sales (an installation that books no sale before the payout credits the payout's charges here).</summary>
    public const string WebSalesAccount = "40100000";
    /// <summary>Refunds of web sales.</summary>
    public const string SalesReturnsAccount = "40900000";
    /// <summary>Stripe's processing fee (<c>stripe_fee</c>).</summary>
    public const string StripeFeesAccount = "68000000";
    /// <summary>Stripe's other fees (application fees, Radar, currency conversion, tax on fees).</summary>
    public const string StripeOtherFeesAccount = "68200000";
    /// <summary>
    /// The P21 service's <c>P21:Payouts:Accounts</c> rules on this chart of accounts (the sandbox's and the tests' setting). The other flows
    /// book each sale, refund and dispute as it happens against the Stripe clearing account (undeposited funds), so the payout's journal
    /// clears that account: its sales, refunds and disputes come out of it (still a line each), Stripe's fees become expenses, the net goes
    /// to the bank clearing account. The dispute fee, which the stripe-dispute flow books already, is cleared too rather than booked twice
    /// (docs/payout-reconciliation.md#accounts).
    /// </summary>
    public static readonly IReadOnlyList<(string Category, string? Type, string Account)> PayoutAccountRules =
    [
        ("charge", null, StripeClearingAccount),
        ("refund", null, StripeClearingAccount),
        ("refund_failure", null, StripeClearingAccount),
        ("dispute_withdrawal", null, StripeClearingAccount),
        ("dispute_reinstatement", null, StripeClearingAccount),
        ("fee", null, StripeOtherFeesAccount),
        ("fee", "stripe_fee", StripeFeesAccount),
        ("fee", "dispute_fee", StripeClearingAccount),
        ("payout", null, PayoutBankClearingAccount),
    ];

    /// <summary>
    /// <see cref="PayoutAccountRules"/> as configuration keys, <c>P21:Payouts:Accounts:0:Category</c>, … joined by <paramref name="separator"/>
    /// (<c>:</c>, or <c>__</c> for environment variables).
    /// </summary>
    public static IEnumerable<KeyValuePair<string, string>> PayoutAccountSettings(string separator = ":")
    {
        var prefix = string.Join(separator, "P21", "Payouts", "Accounts");
        for (var i = 0; i < PayoutAccountRules.Count; i++)
        {
            var (category, type, account) = PayoutAccountRules[i];
            yield return new($"{prefix}{separator}{i}{separator}Category", category);
            if (type is not null) yield return new($"{prefix}{separator}{i}{separator}Type", type);
            yield return new($"{prefix}{separator}{i}{separator}Account", account);
        }
    }

    /// <summary>The item a partial refund's return line is written on (priced at the refund's amount).</summary>
    public const string RefundItemId = "STRIPE-REFUND";

    /// <summary>
    /// The items a Stripe Billing invoice is booked on in the sandbox and the flow tests (the P21 service's <c>P21:Subscriptions:Items</c> maps
    /// Stripe prices/products to them; <c>P21:Subscriptions:TaxItemId</c> is <see cref="SubscriptionTaxItemId"/>).
    /// </summary>
    public const string SubscriptionStandardItemId = "SUBSCRIPTION-STD";
    public const string SubscriptionProItemId = "SUBSCRIPTION-PRO";
    public const string SubscriptionTaxItemId = "SALES-TAX";

    public static void Apply(P21Store store, string companyId, DateTime now)
    {
        store.AddCustomer(new P21CustomerRecord
        {
            CustomerId = AcmeCustomerId, CompanyId = companyId, CustomerName = "Acme Supply Co", SalesrepId = "1100", DefaultBranch = "10",
            EmailAddress = AcmeEmail, CentralPhoneNumber = "404-555-0100", MailAddress1 = "1 Industrial Way", MailCity = "Atlanta", MailState = "GA", MailPostalCode = "30301",
            MailCountry = "USA", DateCreated = now.AddYears(-3),
        });
        store.AddCustomer(new P21CustomerRecord
        {
            CustomerId = BirchCustomerId, CompanyId = companyId, CustomerName = "Birch Builders LLC", SalesrepId = "1100", DefaultBranch = "10",
            MailAddress1 = "77 Timber Rd", MailCity = "Portland", MailState = "OR", MailPostalCode = "97201", MailCountry = "USA",
            DateCreated = now.AddYears(-1),
        });
        store.AddContact(new P21ContactRecord { Id = "300", AddressId = BirchCustomerId, FirstName = "Dana", LastName = "Birch", EmailAddress = BirchContactEmail });
        store.AddCustomer(new P21CustomerRecord
        {
            CustomerId = DeletedCustomerId, CompanyId = companyId, CustomerName = "Closed Account Inc", SalesrepId = "1100", DefaultBranch = "10",
            EmailAddress = "old@closed.example", DeleteFlag = "Y", DateCreated = now.AddYears(-5),
        });

        store.AddItem(new P21ItemRecord { InvMastUid = 15, ItemId = "WIDGET-001", ItemDesc = "Standard Widget Assembly", Price1 = 12.50m });
        store.AddItem(new P21ItemRecord { InvMastUid = 16, ItemId = "GADGET-200", ItemDesc = "Gadget, 200 series", Price1 = 49.99m });
        store.AddItem(new P21ItemRecord { InvMastUid = 17, ItemId = "CABLE 10FT/M&F", ItemDesc = "Cable 10 ft male/female", Price1 = 7.25m });
        store.AddItem(new P21ItemRecord { InvMastUid = 18, ItemId = "STRIPE-SALE", ItemDesc = "Web sale (Stripe)", Price1 = 0m });
        store.AddItem(new P21ItemRecord { InvMastUid = 20, ItemId = RefundItemId, ItemDesc = "Web refund (Stripe)", Price1 = 0m });
        store.AddItem(new P21ItemRecord { InvMastUid = 21, ItemId = SubscriptionStandardItemId, ItemDesc = "Subscription - standard plan (monthly)", Price1 = 0m });
        store.AddItem(new P21ItemRecord { InvMastUid = 22, ItemId = SubscriptionProItemId, ItemDesc = "Subscription - pro plan (monthly)", Price1 = 0m });
        store.AddItem(new P21ItemRecord { InvMastUid = 23, ItemId = SubscriptionTaxItemId, ItemDesc = "Sales tax (Stripe Billing)", Price1 = 0m });
        store.AddItem(new P21ItemRecord { InvMastUid = 19, ItemId = "OLD-PART", ItemDesc = "Discontinued part", Price1 = 3m, DeleteFlag = "Y" });

        foreach (var (number, description) in GlAccounts) store.Ledger.AddAccount(new P21GlAccountRecord { AccountNumber = number, Description = description });

        var widget = store.FindItem("WIDGET-001")!;
        store.AddOrder((orderNo, uid) => new P21OrderRecord
        {
            OrderNo = orderNo, OeHdrUid = uid, CompanyId = companyId, CustomerId = AcmeCustomerId, OrderDate = now.Date.AddDays(-30),
            RequestedDate = now.Date.AddDays(-29), LocationId = 10, SourceLocationId = 10, ShipToId = AcmeCustomerId, PoNo = "PO-TEST-001",
            Taker = "JSMITH", WebReferenceNo = "WEB-123", DateCreated = now.AddDays(-30),
            Lines = [new P21OrderLineRecord { LineNo = 1, InvMastUid = widget.InvMastUid, ItemId = widget.ItemId, UnitQuantity = 5, UnitPrice = widget.Price1 }],
        });
    }
}
