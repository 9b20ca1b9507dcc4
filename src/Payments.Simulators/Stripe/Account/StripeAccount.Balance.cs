using System.Text.Json.Nodes;
using Payments.Domain.Money;
using Payments.Simulators.Stripe.Api;

namespace Payments.Simulators.Stripe.Account;

public sealed partial class StripeAccount
{
    /// <summary>Which automatic payout took each balance transaction.</summary>
    readonly Dictionary<string, string> _payoutOfTransaction = new(StringComparer.Ordinal);

    /// <summary>The balance transactions each automatic payout took (its own included): the <c>payout</c> filter and its cursor without a scan.</summary>
    readonly Dictionary<string, NewestFirstList> _transactionsOfPayout = new(StringComparer.Ordinal);

    /// <summary>The balance transactions still pending, oldest first: settling looks at these only.</summary>
    readonly List<JsonObject> _pendingTransactions = [];

    string? _bankAccount;

    /// <summary>
    /// Pays out the available balance as Stripe's automatic payouts do, one payout per currency (or only <paramref name="currency"/>):
    /// every available balance transaction not yet paid out (charges net of fees, refunds, earlier manual payouts) goes into the payout,
    /// whose amount is their net sum and whose own balance transaction takes it out again, so that
    /// <c>GET /v1/balance_transactions?payout=po_…</c> lists them all and their nets add up to zero. Emits <c>payout.created</c>,
    /// <c>payout.paid</c> and <c>payout.reconciliation_completed</c>. A currency with nothing positive to pay out gets no payout.
    /// </summary>
    /// <param name="amountSkewMinor">
    /// Fault injection, never done by Stripe: the payout's amount (and its own balance transaction) differs from its transactions' net
    /// sum by this many minor units, as if it held a transaction the reconciler missed. 0 for a payout as Stripe makes it.
    /// </param>
    public IReadOnlyList<JsonObject> RunPayouts(string? currency = null, long amountSkewMinor = 0)
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
                var net = group.Transactions.Sum(t => (long)t["net"]!);
                if (net <= 0) continue;
                var amount = net + amountSkewMinor;
                if (amount <= 0)
                    throw StripeErrors.Invalid("amountSkewMinor", $"A skew of {amountSkewMinor} leaves the {group.Currency} payout of {net} with nothing to pay.");
                var payout = NewPayout(amount, group.Currency, automatic: true, description: "STRIPE PAYOUT", statementDescriptor: null, metadata: null);
                var payoutId = (string)payout["id"]!;
                var transactions = new NewestFirstList();
                foreach (var transaction in group.Transactions)
                {
                    _payoutOfTransaction[(string)transaction["id"]!] = payoutId;
                    transactions.Add(transaction);
                }
                var own = (string)payout["balance_transaction"]!;
                _payoutOfTransaction[own] = payoutId;
                transactions.Add(_objects[own]);
                _transactionsOfPayout[payoutId] = transactions;
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

    /// <summary>
    /// Stripe's payout <c>failure_code</c>s (https://docs.stripe.com/api/payouts/failures), each with a <c>failure_message</c> in the
    /// fake's own words.
    /// </summary>
    static readonly Dictionary<string, string> PayoutFailureMessages = new(StringComparer.Ordinal)
    {
        ["account_closed"] = "The bank account has been closed.",
        ["account_frozen"] = "The bank account has been frozen.",
        ["bank_account_restricted"] = "The bank account restricts the type or number of payouts it accepts.",
        ["bank_ownership_changed"] = "The bank account is no longer valid: its branch changed owner.",
        ["could_not_process"] = "The bank could not process this payout.",
        ["debit_not_authorized"] = "The bank account does not allow debits.",
        ["declined"] = "The bank declined this payout.",
        ["incorrect_account_holder_address"] = "The bank says the account holder's address is wrong.",
        ["incorrect_account_holder_name"] = "The bank says the account holder's name is wrong.",
        ["incorrect_account_holder_tax_id"] = "The bank says the account holder's tax id is wrong.",
        ["insufficient_funds"] = "The Stripe balance could not cover the payout.",
        ["invalid_account_number"] = "The bank account number is not valid.",
        ["invalid_currency"] = "The bank account cannot take payouts in this currency.",
        ["no_account"] = "No bank account could be found with the details on file.",
        ["unsupported_card"] = "The bank no longer takes payouts to this card.",
    };

    /// <summary>
    /// The bank returns a payout (even one Stripe already reported <c>paid</c>, as real payouts can fail days later): status <c>failed</c>
    /// with <paramref name="failureCode"/> and its message, and a <c>failure_balance_transaction</c> (type <c>payout_failure</c>, reporting
    /// category <c>payout_reversal</c>, the payout's amount back, available at once) that puts the money back in the balance, where the
    /// next payout takes it. The payout's own transactions stay listed under it. Emits <c>payout.updated</c> and <c>payout.failed</c>.
    /// </summary>
    public JsonObject FailPayout(string payoutId, string failureCode = "account_closed")
    {
        lock (Gate)
        {
            var payout = Require("payout", payoutId, "payout");
            if (!PayoutFailureMessages.TryGetValue(failureCode, out var message))
                throw StripeErrors.Invalid("failure_code", $"Invalid failure_code: must be one of {string.Join(", ", PayoutFailureMessages.Keys)}");
            var status = (string)payout["status"]!;
            if (status is "failed" or "canceled")
                throw StripeErrors.Refused($"Payout {payoutId} is {status} and cannot fail.");
            var previous = new JsonObject { ["status"] = status, ["failure_balance_transaction"] = null, ["failure_code"] = null, ["failure_message"] = null };
            var failure = AddBalanceTransaction("payout_failure", "payout_reversal", (long)payout["amount"]!, 0, (string)payout["currency"]!, payoutId,
                $"PAYOUT FAILURE ({failureCode})", immediately: true);
            payout["status"] = "failed";
            payout["failure_balance_transaction"] = (string)failure["id"]!;
            payout["failure_code"] = failureCode;
            payout["failure_message"] = message;
            Emit("payout.updated", payout, previous);
            Emit("payout.failed", payout);
            return Copy(payout);
        }
    }

    /// <summary>The balance transactions an automatic payout took (its own included), newest first; Stripe's <c>payout</c> filter.</summary>
    internal NewestFirstList TransactionsOfPayout(string payoutId)
    {
        var payout = Require("payout", payoutId, "payout", "payout");
        if ((bool?)payout["automatic"] != true)
            throw StripeErrors.Refused("Balance transaction history can only be filtered on automatic transfers, not manual.", param: "payout");
        return _transactionsOfPayout.TryGetValue(payoutId, out var transactions) ? transactions : new NewestFirstList();
    }

    /// <summary>Makes every pending balance transaction available now (as if their <c>available_on</c> had come); returns how many.</summary>
    public int SettleAll()
    {
        lock (Gate)
        {
            var now = Now;
            foreach (var transaction in _pendingTransactions)
            {
                transaction["status"] = "available";
                transaction["available_on"] = now;
            }
            var settled = _pendingTransactions.Count;
            _pendingTransactions.Clear();
            return settled;
        }
    }

    /// <summary><c>GET /v1/balance</c>: available and pending amounts per currency (the nets of the balance transactions).</summary>
    public JsonObject Balance()
    {
        lock (Gate)
        {
            SettleDue();
            var transactions = Newest("balance_transaction").ToList();
            var currencies = transactions.Select(t => (string)t["currency"]!).Concat(_settlementCurrencies).Distinct().Order(StringComparer.Ordinal).ToList();
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

    /// <summary>Flips pending balance transactions whose <c>available_on</c> has come to available; callers hold <see cref="Gate"/>.</summary>
    internal void SettleDue()
    {
        var now = Now;
        _pendingTransactions.RemoveAll(transaction =>
        {
            if ((long)transaction["available_on"]! > now) return false;
            transaction["status"] = "available";
            return true;
        });
    }

    long AvailableNet(string currency) =>
        Newest("balance_transaction").Where(t => (string?)t["currency"] == currency && (string?)t["status"] == "available").Sum(t => (long)t["net"]!);

    /// <summary>
    /// The balance transaction of a succeeded charge: the amount as settled (<see cref="Settle"/>), Stripe's fee on it
    /// (<see cref="StripeApiFakeOptions.FeePercent"/> + fixed, in the settlement currency), net.
    /// </summary>
    string SettleCharge(string chargeId, long amount, string currency, string? description, bool immediately)
    {
        var settled = Settle(amount, currency);
        var fee = Math.Min(settled.Amount, (long)Math.Round(settled.Amount * _options.FeePercent / 100m, MidpointRounding.AwayFromZero) + _options.FeeFixed);
        return (string)AddBalanceTransaction("charge", "charge", settled.Amount, fee, settled.Currency, chargeId, description, immediately, settled.ExchangeRate)["id"]!;
    }

    /// <summary>
    /// What an amount in a presentment currency becomes in the balance: itself when the account settles in that currency, otherwise
    /// converted into the first settlement currency at its rate (major units × rate, rounded half away from zero to the settlement
    /// currency's minor units), with that rate as <c>exchange_rate</c>. A currency the fake has no rate for is refused as Stripe refuses
    /// a currency it does not support.
    /// </summary>
    Settlement Settle(long amount, string currency)
    {
        currency = currency.ToLowerInvariant();
        if (_settlementCurrencies.Contains(currency)) return new Settlement(amount, currency, null);
        var into = _settlementCurrencies[0];
        if (!_exchangeRates.TryGetValue(currency, out var rate))
            throw StripeErrors.Invalid("currency",
                $"The Stripe API fake cannot convert {currency} into {into}: give Simulators:Stripe:ExchangeRates:{currency}, or settle in it (SettlementCurrencies).");
        var major = MinorUnits.ToDecimal(amount, currency) * rate;
        var minor = major / MinorUnits.ToDecimal(1, into);
        return new Settlement((long)Math.Round(minor, MidpointRounding.AwayFromZero), into, rate);
    }

    /// <summary>An amount as the balance holds it: minor units of <see cref="Currency"/>, and the rate it was converted at, if it was.</summary>
    readonly record struct Settlement(long Amount, string Currency, decimal? ExchangeRate);

    JsonObject AddBalanceTransaction(string type, string reportingCategory, long amount, long fee, string currency, string source, string? description, bool immediately,
        decimal? exchangeRate = null)
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
        transaction["exchange_rate"] = exchangeRate;
        transaction["source"] = source;
        transaction["description"] = description;
        transaction["created"] = now;
        transaction["available_on"] = availableOn;
        transaction["status"] = availableOn <= now ? "available" : "pending";
        transaction["type"] = type;
        transaction["reporting_category"] = reportingCategory;
        if (availableOn > now) _pendingTransactions.Add(transaction);
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
