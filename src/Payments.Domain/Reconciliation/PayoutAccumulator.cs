using System.Globalization;
using Payments.Domain.Money;

namespace Payments.Domain.Reconciliation;

/// <summary>
/// Reconciles a payout page by page: each page of balance transactions (as Stripe's cursor returns them) is folded into
/// totals per (category, type, original currency) and per fee kind, the sum of nets, and the flags — never the list — so a
/// payout of 10,000 transactions holds as little memory as one of ten. The totals are exact (integer minor units, checked).
/// </summary>
public sealed class PayoutAccumulator
{
    readonly Dictionary<AccountKey, GrossTotal> _gross = new();
    readonly Dictionary<string, long> _fees = new(StringComparer.Ordinal);
    // One flag per charge (or per transaction without a charge), keyed so the same flags come out whatever the page order.
    readonly SortedDictionary<string, PayoutFlag> _unknownOrders = new(StringComparer.Ordinal);

    public PayoutAccumulator(StripePayout payout)
    {
        ArgumentNullException.ThrowIfNull(payout);
        ArgumentException.ThrowIfNullOrWhiteSpace(payout.Id);
        CurrencyExponent.For(payout.Currency);
        Payout = payout;
        Currency = payout.Currency.ToUpperInvariant();
    }

    public StripePayout Payout { get; }

    /// <summary>The settlement currency (the payout's), upper case.</summary>
    public string Currency { get; }

    /// <summary>Balance transactions added, the payout's own transaction not counted.</summary>
    public int Count { get; private set; }

    /// <summary>The sum of the nets of the transactions the payout paid out (its own transaction not counted).</summary>
    public long NetMinor { get; private set; }

    /// <summary>The payout's own transaction's amount (negative: money leaving the balance), once seen.</summary>
    public long? OwnTransactionAmountMinor { get; private set; }

    /// <summary>Gross amounts as Stripe signs them (sales positive), by category, type and original currency; fees are not here.</summary>
    public IReadOnlyDictionary<AccountKey, GrossTotal> Gross => _gross;

    /// <summary>Fees by kind, positive when Stripe took a fee (standalone fee transactions count under their type).</summary>
    public IReadOnlyDictionary<string, long> Fees => _fees;

    /// <summary>The id of the last transaction added: Stripe's <c>starting_after</c> cursor for the next page.</summary>
    public string? LastTransactionId { get; private set; }

    /// <summary>
    /// Adds one page. <paramref name="chargesWithOrder"/>: the page's charges the caller knows an order for. The whole page is
    /// checked first, so a page refused (with the transaction named) adds nothing and the totals stay those of the cursor.
    /// </summary>
    public void AddPage(IEnumerable<BalanceTransaction> page, IReadOnlySet<string> chargesWithOrder)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(chargesWithOrder);
        var transactions = page as IReadOnlyCollection<BalanceTransaction> ?? page.ToArray();
        foreach (var transaction in transactions) Check(transaction);
        foreach (var transaction in transactions)
        {
            Add(transaction, chargesWithOrder);
            LastTransactionId = transaction.Id;
        }
    }

    /// <summary>The totals as plain data, to store with the cursor between pages.</summary>
    public PayoutAccumulatorState Snapshot() => new(
        Count,
        NetMinor,
        OwnTransactionAmountMinor,
        _gross.OrderBy(g => g.Key.Category).ThenBy(g => g.Key.Type, StringComparer.Ordinal).ThenBy(g => g.Key.Currency, StringComparer.Ordinal)
            .Select(g => g.Value.ToState(g.Key)).ToArray(),
        new SortedDictionary<string, long>(_fees, StringComparer.Ordinal),
        _unknownOrders.Values.ToArray(),
        LastTransactionId);

    /// <summary>An accumulator that carries on from <paramref name="state"/> (taken of the same payout by <see cref="Snapshot"/>).</summary>
    public static PayoutAccumulator Resume(StripePayout payout, PayoutAccumulatorState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var accumulator = new PayoutAccumulator(payout)
        {
            Count = state.Count,
            NetMinor = state.NetMinor,
            OwnTransactionAmountMinor = state.OwnTransactionAmountMinor,
            LastTransactionId = state.LastTransactionId,
        };
        foreach (var gross in state.Gross)
            accumulator._gross.Add(new AccountKey(gross.Category, gross.Type, gross.Currency), GrossTotal.From(gross));
        foreach (var (kind, amount) in state.Fees) accumulator._fees.Add(kind, amount);
        foreach (var flag in state.UnknownOrders) accumulator._unknownOrders.Add(UnknownOrderKey(flag.ChargeId, flag.BalanceTransactionId!), flag);
        return accumulator;
    }

    /// <summary>One flag per charge; a transaction that names no charge is its own key (sorted after the charges).</summary>
    static string UnknownOrderKey(string? chargeId, string transactionId) => chargeId ?? "~" + transactionId;

    void Check(BalanceTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        transaction.EnsureConsistent();
        if (!string.Equals(transaction.Currency, Currency, StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"Balance transaction {transaction.Id} is in {transaction.Currency.ToUpperInvariant()}; payout {Payout.Id} is in {Currency}.");
        Conversion(transaction);
    }

    void Add(BalanceTransaction transaction, IReadOnlySet<string> chargesWithOrder)
    {
        var classified = BalanceTransactionClassifier.Classify(transaction);

        if (classified.Category == TransactionCategory.Payout && transaction.Source?.Id == Payout.Id)
        {
            // The payout's own transaction is the money to the bank: the journal's bank line, not a line of its own.
            OwnTransactionAmountMinor = checked((OwnTransactionAmountMinor ?? 0) + transaction.AmountMinor);
            return;
        }

        Count++;
        NetMinor = checked(NetMinor + transaction.NetMinor);
        foreach (var fee in classified.Fees) AddFee(fee.Kind, fee.AmountMinor);

        if (classified.Category == TransactionCategory.Fee)
        {
            // A standalone fee carries the fee in its (negative) amount; its kind is its type.
            AddFee(transaction.Type.Trim().ToLowerInvariant(), -transaction.AmountMinor);
        }
        else
        {
            var key = new AccountKey(classified.Category, transaction.Type.Trim().ToLowerInvariant(), transaction.OriginalCurrency);
            if (!_gross.TryGetValue(key, out var total)) _gross[key] = total = new GrossTotal();
            var (original, rate) = Conversion(transaction);
            total.Add(transaction.AmountMinor, original, rate);
        }

        if (classified.NeedsOrder) CheckOrder(classified, chargesWithOrder);
    }

    void AddFee(string kind, long amountMinor) =>
        _fees[kind] = checked((_fees.TryGetValue(kind, out var sum) ? sum : 0) + amountMinor);

    /// <summary>The original amount (signed like the settlement amount) and rate of a converted transaction; nothing otherwise.</summary>
    (long? Original, decimal? Rate) Conversion(BalanceTransaction transaction)
    {
        if (transaction.OriginalCurrency == Currency) return (null, null);
        if (transaction.Source?.AmountMinor is not { } original || transaction.ExchangeRate is not { } rate)
            throw new ArgumentException($"Balance transaction {transaction.Id} came from {transaction.OriginalCurrency} but its source amount or exchange rate is missing.");
        return (Math.Sign(transaction.AmountMinor) * Math.Abs(original), rate);
    }

    void CheckOrder(ClassifiedTransaction classified, IReadOnlySet<string> chargesWithOrder)
    {
        var transaction = classified.Transaction;
        var what = classified.Category.Name();
        if (classified.ChargeId is not { } charge)
        {
            _unknownOrders.TryAdd(UnknownOrderKey(null, transaction.Id), new PayoutFlag(PayoutFlagKind.UnknownOrder,
                $"Balance transaction {transaction.Id} ({what}) names no charge, so no order can be found for it.", transaction.Id));
            return;
        }
        if (chargesWithOrder.Contains(charge)) return;
        var flag = new PayoutFlag(PayoutFlagKind.UnknownOrder,
            $"Charge {charge} ({what}, balance transaction {transaction.Id}) has no known order.", transaction.Id, charge);
        // Keep the lowest transaction id per charge, so the reason does not depend on which page came first.
        if (!_unknownOrders.TryGetValue(charge, out var kept) || string.CompareOrdinal(transaction.Id, kept.BalanceTransactionId) < 0)
            _unknownOrders[charge] = flag;
    }

    /// <summary>
    /// Every reason the payout does not reconcile, in a fixed order: a manual payout or one without transactions, nets that do
    /// not sum to the payout (even by one minor unit), the payout's own transaction disagreeing, charges without an order.
    /// </summary>
    public IReadOnlyList<PayoutFlag> Flags
    {
        get
        {
            var flags = new List<PayoutFlag>();
            if (!Payout.Automatic)
                flags.Add(new PayoutFlag(PayoutFlagKind.ManualPayout,
                    $"Payout {Payout.Id} is manual: Stripe cannot tell which balance transactions it paid out, so it must be reconciled by hand."));
            else if (Count == 0)
                flags.Add(new PayoutFlag(PayoutFlagKind.ManualPayout,
                    $"Payout {Payout.Id} has no balance transactions of its own: nothing explains its {Format(Payout.AmountMinor)}."));
            if (Count > 0 && NetMinor != Payout.AmountMinor)
            {
                var difference = NetMinor - Payout.AmountMinor;
                flags.Add(new PayoutFlag(PayoutFlagKind.NetMismatch,
                    $"The balance transactions' nets sum to {Format(NetMinor)} but payout {Payout.Id} is {Format(Payout.AmountMinor)} " +
                    $"({Format(Math.Abs(difference))} {(difference < 0 ? "short" : "over")})."));
            }
            if (OwnTransactionAmountMinor is { } own && own != -Payout.AmountMinor)
                flags.Add(new PayoutFlag(PayoutFlagKind.NetMismatch,
                    $"Payout {Payout.Id}'s own balance transaction moves {Format(-own)}, the payout is {Format(Payout.AmountMinor)}."));
            flags.AddRange(_unknownOrders.Values);
            return flags;
        }
    }

    string Format(long minor)
    {
        var exponent = CurrencyExponent.For(Currency);
        return MinorUnits.ToDecimal(minor, Currency).ToString("F" + exponent.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + " " + Currency;
    }
}
