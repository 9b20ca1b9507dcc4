using System.Text.Json.Nodes;
using Payments.Simulators.Stripe.Api;

namespace Payments.Simulators.Stripe.Account;

public sealed partial class StripeAccount
{
    /// <summary>Which automatic payout took each balance transaction.</summary>
    readonly Dictionary<string, string> _payoutOfTransaction = new(StringComparer.Ordinal);
    string? _bankAccount;

    /// <summary>
    /// Pays out the available balance as Stripe's automatic payouts do, one payout per currency (or only <paramref name="currency"/>):
    /// every available balance transaction not yet paid out (charges net of fees, refunds, earlier manual payouts) goes into the payout,
    /// whose amount is their net sum and whose own balance transaction takes it out again, so that
    /// <c>GET /v1/balance_transactions?payout=po_…</c> lists them all and their nets add up to zero. Emits <c>payout.created</c>,
    /// <c>payout.paid</c> and <c>payout.reconciliation_completed</c>. A currency with nothing positive to pay out gets no payout.
    /// </summary>
    public IReadOnlyList<JsonObject> RunPayouts(string? currency = null)
    {
        lock (Gate)
        {
            SettleDue();
            var groups = Newest("balance_transaction").AsEnumerable().Reverse()
                .Where(t => (string?)t["status"] == "available" && !_payoutOfTransaction.ContainsKey((string)t["id"]!))
                .Where(t => currency is null || (string?)t["currency"] == currency)
                .GroupBy(t => (string)t["currency"]!)
                .Select(g => (Currency: g.Key, Transactions: g.ToList()))
                .ToList();
            var payouts = new List<JsonObject>();
            foreach (var group in groups)
            {
                var amount = group.Transactions.Sum(t => (long)t["net"]!);
                if (amount <= 0) continue;
                var payout = NewPayout(amount, group.Currency, automatic: true, description: "STRIPE PAYOUT", statementDescriptor: null, metadata: null);
                var payoutId = (string)payout["id"]!;
                foreach (var transaction in group.Transactions) _payoutOfTransaction[(string)transaction["id"]!] = payoutId;
                _payoutOfTransaction[(string)payout["balance_transaction"]!] = payoutId;
                Pay(payout);
                Emit("payout.reconciliation_completed", payout);
                payouts.Add(Copy(payout));
            }
            return payouts;
        }
    }

    /// <summary>A manual payout (<c>POST /v1/payouts</c>) of at most the available balance; Stripe cannot say which transactions it contains.</summary>
    public JsonObject CreatePayout(long amount, string currency, string? description = null, string? statementDescriptor = null, MetadataUpdate? metadata = null)
    {
        lock (Gate)
        {
            SettleDue();
            var available = AvailableNet(currency);
            if (amount > available)
                throw StripeErrors.Refused(
                    $"You have insufficient funds in your Stripe account for this transfer. Your card balance is too low. You can use the /v1/balance endpoint to view your Stripe balance (for more details, see stripe.com/docs/api#balance).",
                    "balance_insufficient", "amount");
            var payout = NewPayout(amount, currency, automatic: false, description, statementDescriptor, metadata);
            Pay(payout);
            return Copy(payout);
        }
    }

    /// <summary>The balance transactions an automatic payout took (its own included), newest first; Stripe's <c>payout</c> filter.</summary>
    internal IEnumerable<JsonObject> TransactionsOfPayout(string payoutId)
    {
        var payout = Require("payout", payoutId, "payout", "payout");
        if ((bool?)payout["automatic"] != true)
            throw StripeErrors.Refused("Balance transaction history can only be filtered on automatic transfers, not manual.", param: "payout");
        return Newest("balance_transaction").Where(t => _payoutOfTransaction.GetValueOrDefault((string)t["id"]!) == payoutId);
    }

    /// <summary>Makes every pending balance transaction available now (as if their <c>available_on</c> had come); returns how many.</summary>
    public int SettleAll()
    {
        lock (Gate)
        {
            var pending = Newest("balance_transaction").Where(t => (string?)t["status"] == "pending").ToList();
            foreach (var transaction in pending)
            {
                transaction["status"] = "available";
                transaction["available_on"] = Now;
            }
            return pending.Count;
        }
    }

    /// <summary><c>GET /v1/balance</c>: available and pending amounts per currency (the nets of the balance transactions).</summary>
    public JsonObject Balance()
    {
        lock (Gate)
        {
            SettleDue();
            var transactions = Newest("balance_transaction").ToList();
            var currencies = transactions.Select(t => (string)t["currency"]!).Append("usd").Distinct().Order(StringComparer.Ordinal).ToList();
            JsonArray Sums(string status) => new([.. currencies.Select(c =>
            {
                var sum = transactions.Where(t => (string?)t["currency"] == c && (string?)t["status"] == status).Sum(t => (long)t["net"]!);
                return (JsonNode)new JsonObject { ["amount"] = sum, ["currency"] = c, ["source_types"] = new JsonObject { ["card"] = sum } };
            })]);
            return new JsonObject
            {
                ["object"] = "balance",
                ["available"] = Sums("available"),
                ["connect_reserved"] = new JsonArray([.. currencies.Select(c => (JsonNode)new JsonObject { ["amount"] = 0, ["currency"] = c })]),
                ["livemode"] = false,
                ["pending"] = Sums("pending"),
            };
        }
    }

    /// <summary>Flips pending balance transactions whose <c>available_on</c> has come to available.</summary>
    internal void SettleDue()
    {
        var now = Now;
        foreach (var transaction in Newest("balance_transaction"))
            if ((string?)transaction["status"] == "pending" && (long)transaction["available_on"]! <= now)
                transaction["status"] = "available";
    }

    long AvailableNet(string currency) =>
        Newest("balance_transaction").Where(t => (string?)t["currency"] == currency && (string?)t["status"] == "available").Sum(t => (long)t["net"]!);

    /// <summary>The balance transaction of a succeeded charge: gross amount, Stripe's fee (<see cref="StripeApiFakeOptions.FeePercent"/> + fixed), net.</summary>
    string SettleCharge(string chargeId, long amount, string currency, string? description, bool immediately)
    {
        var fee = Math.Min(amount, (long)Math.Round(amount * _options.FeePercent / 100m, MidpointRounding.AwayFromZero) + _options.FeeFixed);
        return (string)AddBalanceTransaction("charge", "charge", amount, fee, currency, chargeId, description, immediately)["id"]!;
    }

    JsonObject AddBalanceTransaction(string type, string reportingCategory, long amount, long fee, string currency, string source, string? description, bool immediately)
    {
        var now = Now;
        var availableOn = immediately ? now : now + (long)_options.AvailableAfter.TotalSeconds;
        var transaction = StripeFixtures.Resource("balance_transaction");
        transaction["id"] = StripeIds.New("txn");
        transaction["amount"] = amount;
        transaction["fee"] = fee;
        transaction["net"] = amount - fee;
        transaction["fee_details"] = fee == 0
            ? new JsonArray()
            : new JsonArray(new JsonObject
            {
                ["amount"] = fee, ["application"] = null, ["currency"] = currency, ["description"] = "Stripe processing fees", ["type"] = "stripe_fee",
            });
        transaction["currency"] = currency;
        transaction["exchange_rate"] = null;
        transaction["source"] = source;
        transaction["description"] = description;
        transaction["created"] = now;
        transaction["available_on"] = availableOn;
        transaction["status"] = availableOn <= now ? "available" : "pending";
        transaction["type"] = type;
        transaction["reporting_category"] = reportingCategory;
        return Store(transaction);
    }

    JsonObject NewPayout(long amount, string currency, bool automatic, string? description, string? statementDescriptor, MetadataUpdate? metadata)
    {
        var payout = StripeFixtures.Resource("payout");
        var id = StripeIds.New("po");
        var now = Now;
        payout["id"] = id;
        payout["amount"] = amount;
        payout["currency"] = currency;
        payout["created"] = now;
        payout["arrival_date"] = now;
        payout["automatic"] = automatic;
        payout["description"] = description;
        payout["statement_descriptor"] = statementDescriptor;
        payout["destination"] = _bankAccount ??= StripeIds.New("ba");
        payout["metadata"] = metadata?.ApplyTo(null) ?? new JsonObject();
        payout["reconciliation_status"] = automatic ? "completed" : "not_applicable";
        payout["status"] = "in_transit";
        payout["trace_id"] = new JsonObject { ["status"] = "pending", ["value"] = null };
        payout["balance_transaction"] = (string)AddBalanceTransaction("payout", "payout", -amount, 0, currency, id, description, immediately: true)["id"]!;
        Store(payout);
        Emit("payout.created", payout);
        return payout;
    }

    /// <summary>The bank confirms the payout: status <c>paid</c> and <c>payout.paid</c>.</summary>
    void Pay(JsonObject payout)
    {
        payout["status"] = "paid";
        payout["trace_id"] = new JsonObject { ["status"] = "supported", ["value"] = StripeIds.New("trace") };
        Emit("payout.paid", payout, new JsonObject { ["status"] = "in_transit" });
    }
}
