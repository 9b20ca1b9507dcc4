using System.Globalization;

namespace Payments.Simulators.Znode.Store;

/// <summary>
/// The simulator's in-memory Znode database: orders with their history, the state tables, and every change the API made, in
/// order. Reads return snapshots; every write holds one lock and moves the order's modified date (what <c>orders/list</c>
/// filters on).
/// </summary>
public sealed partial class ZnodeStore
{
    readonly Lock _gate = new();
    readonly List<ZnodeOrder> _orders = [];
    readonly List<ZnodeOrderChange> _changes = [];
    readonly TimeProvider _time;
    readonly TimeZoneInfo _zone;
    readonly string _storePrefix;
    readonly int _portalId;
    int _nextOrderId = 1001;
    int _nextDetailsId = 5001;
    int _nextLineId = 9001;
    int _nextHistoryId = 1;
    long _nextChange = 1;
    DateTime _lastModified = DateTime.MinValue;

    public ZnodeStore(ZnodeSimulatorOptions options, TimeProvider time)
    {
        _time = time;
        _zone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
        var letters = new string(options.StoreName.Where(char.IsLetterOrDigit).Take(2).ToArray()).ToUpperInvariant();
        _storePrefix = letters.Length == 0 ? "ZN" : letters;
        _portalId = options.PortalId;
        _nextUserId = options.FirstUserId > 0 ? options.FirstUserId : throw new ArgumentException($"FirstUserId must be positive; got {options.FirstUserId}.", nameof(options));
        States = new ZnodeStates(options.OrderStates, options.PaymentStates);
        InitialPaymentStatus = options.InitialPaymentStatus;
        ReturnablePaymentStatuses = options.ReturnablePaymentStatuses;
        ReturnStates = options.ReturnStates is { Count: > 0 } returnStates ? returnStates : ZnodeReturnStates.Defaults;
    }

    public ZnodeStates States { get; }

    string InitialPaymentStatus { get; }

    public IReadOnlyList<ZnodeOrder> Orders { get { lock (_gate) return _orders.ToArray(); } }

    /// <summary>Every change, oldest first.</summary>
    public IReadOnlyList<ZnodeOrderChange> Changes { get { lock (_gate) return _changes.ToArray(); } }

    /// <summary>Changes after sequence number <paramref name="since"/>, oldest first.</summary>
    public IReadOnlyList<ZnodeOrderChange> ChangesSince(long since) { lock (_gate) return _changes.Where(c => c.Sequence > since).ToArray(); }

    /// <summary>The changes of one order, oldest first.</summary>
    public IReadOnlyList<ZnodeOrderChange> ChangesOf(string orderNumber)
    {
        lock (_gate) return _changes.Where(c => string.Equals(c.OrderNumber, orderNumber, StringComparison.OrdinalIgnoreCase)).ToArray();
    }

    public ZnodeOrder? FindOrder(int omsOrderId) { lock (_gate) return _orders.FirstOrDefault(o => o.OmsOrderId == omsOrderId); }

    /// <summary>Case-insensitive, as SQL Server compares order numbers.</summary>
    public ZnodeOrder? FindOrder(string orderNumber)
    {
        lock (_gate) return _orders.FirstOrDefault(o => string.Equals(o.OrderNumber, orderNumber, StringComparison.OrdinalIgnoreCase));
    }

    public ZnodeOrder? FindOrderByDetailsId(int omsOrderDetailsId) { lock (_gate) return _orders.FirstOrDefault(o => o.OmsOrderDetailsId == omsOrderDetailsId); }

    /// <summary>Now on Znode's clock: unzoned, in the store's zone.</summary>
    public DateTime Now
    {
        get
        {
            // Milliseconds, as SQL Server's datetime keeps them (near enough) and as a client's date filter can name them.
            var local = TimeZoneInfo.ConvertTime(_time.GetUtcNow(), _zone).DateTime;
            return new DateTime(local.Ticks - local.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Unspecified);
        }
    }

    /// <summary>Places an order as a shopper's checkout would; unknown state names fail with <see cref="ArgumentException"/>.</summary>
    public ZnodeOrder Place(ZnodeOrderSpec spec)
    {
        var state = States.OrderState(spec.OrderState) ?? throw new ArgumentException($"No order state '{spec.OrderState}' (known: {string.Join(", ", States.OrderStates.Select(s => s.Name))}).");
        var paymentName = spec.PaymentStatus ?? InitialPaymentStatus;
        var payment = States.PaymentState(paymentName) ?? throw new ArgumentException($"No payment state '{paymentName}' (known: {string.Join(", ", States.PaymentStates.Select(s => s.Name))}).");
        lock (_gate)
        {
            var now = NextModified();
            var number = spec.OrderNumber ?? NewOrderNumber(now);
            if (_orders.Any(o => string.Equals(o.OrderNumber, number, StringComparison.OrdinalIgnoreCase)))
                throw new ArgumentException($"Order number {number} already exists.");
            var lines = spec.Lines.Select(l => new ZnodeOrderLine
            {
                OmsOrderLineItemsId = _nextLineId++, Sku = l.Sku, ProductName = l.ProductName, Quantity = l.Quantity, Price = l.Price,
            }).ToArray();
            var subTotal = lines.Sum(l => l.Quantity * l.Price);
            var order = new ZnodeOrder
            {
                OmsOrderId = _nextOrderId++,
                OmsOrderDetailsId = _nextDetailsId++,
                OrderNumber = number,
                PortalId = _portalId,
                UserId = spec.UserId,
                Email = spec.Email,
                FirstName = spec.FirstName,
                LastName = spec.LastName,
                PhoneNumber = spec.PhoneNumber,
                CurrencyCode = spec.CurrencyCode,
                OmsOrderStateId = state.Id,
                OmsPaymentStateId = payment.Id,
                PaymentType = spec.PaymentType,
                SubTotal = subTotal,
                TaxCost = spec.TaxCost,
                ShippingCost = spec.ShippingCost,
                DiscountAmount = spec.DiscountAmount,
                Total = spec.Total ?? subTotal + spec.TaxCost + spec.ShippingCost - spec.DiscountAmount,
                OrderDate = now,
                ModifiedDate = now,
                BillingAddress = spec.BillingAddress,
                ShippingAddress = spec.ShippingAddress ?? spec.BillingAddress,
                Lines = lines,
            };
            _orders.Add(order);
            Record(order.OrderNumber, ZnodeChangeKinds.Placed, null, $"{ZnodeStates.ProperCase(state.Name)} / {ZnodeStates.ProperCase(payment.Name)}", "shopper");
            return order;
        }
    }

    /// <summary>Sets the order state (and overwrites the tracking number, as Znode does); false when the order does not exist.</summary>
    public bool SetOrderState(int omsOrderId, int stateId, string? trackingNumber, string by)
    {
        lock (_gate)
        {
            if (IndexOf(omsOrderId) is not (>= 0 and var index)) return false;
            var order = _orders[index];
            var now = NextModified();
            _orders[index] = order with
            {
                OmsOrderStateId = stateId,
                TrackingNumber = trackingNumber,
                ShipDate = stateId == 20 ? now : order.ShipDate,
                ModifiedDate = now,
            };
            if (order.OmsOrderStateId != stateId)
                Record(order.OrderNumber, ZnodeChangeKinds.OrderState, StateName(order.OmsOrderStateId), StateName(stateId), by);
            if (order.TrackingNumber != trackingNumber)
                Record(order.OrderNumber, ZnodeChangeKinds.TrackingNumber, order.TrackingNumber, trackingNumber, by);
            return true;
        }
    }

    public bool SetPaymentState(int omsOrderId, int paymentStateId, string by)
    {
        lock (_gate)
        {
            if (IndexOf(omsOrderId) is not (>= 0 and var index)) return false;
            var order = _orders[index];
            _orders[index] = order with { OmsPaymentStateId = paymentStateId, ModifiedDate = NextModified() };
            Record(order.OrderNumber, ZnodeChangeKinds.PaymentStatus, PaymentName(order.OmsPaymentStateId), PaymentName(paymentStateId), by);
            return true;
        }
    }

    public bool SetTransactionId(int omsOrderId, string transactionId, string by)
    {
        lock (_gate)
        {
            if (IndexOf(omsOrderId) is not (>= 0 and var index)) return false;
            var order = _orders[index];
            _orders[index] = order with { TransactionId = transactionId, ModifiedDate = NextModified() };
            Record(order.OrderNumber, ZnodeChangeKinds.TransactionId, order.TransactionId, transactionId, by);
            return true;
        }
    }

    /// <summary>Adds a history row to the order with the given details id (or, failing that, order id); null when neither exists.</summary>
    public ZnodeHistoryEntry? AddHistory(int? omsOrderDetailsId, int omsOrderId, Func<int, DateTime, ZnodeHistoryEntry> create, string by)
    {
        lock (_gate)
        {
            var index = _orders.FindIndex(o => omsOrderDetailsId is > 0 ? o.OmsOrderDetailsId == omsOrderDetailsId : o.OmsOrderId == omsOrderId);
            if (index < 0) return null;
            var order = _orders[index];
            var entry = create(_nextHistoryId++, Now) with { OmsOrderDetailsId = order.OmsOrderDetailsId };
            _orders[index] = order with { History = [.. order.History, entry] };
            Record(order.OrderNumber, ZnodeChangeKinds.History, null, string.Join(" | ", new[] { entry.Message, entry.Notes }.Where(s => !string.IsNullOrEmpty(s))), by);
            return entry;
        }
    }

    public string StateName(int stateId) => States.OrderState(stateId) is { } state ? ZnodeStates.ProperCase(state.Name) : stateId.ToString(CultureInfo.InvariantCulture);

    public string? PaymentName(int? paymentStateId) => States.PaymentState(paymentStateId) is { } state ? ZnodeStates.ProperCase(state.Name) : paymentStateId?.ToString(CultureInfo.InvariantCulture);

    int IndexOf(int omsOrderId) => _orders.FindIndex(o => o.OmsOrderId == omsOrderId);

    /// <summary>Strictly increasing, so two writes in one clock tick are still ordered by modified date.</summary>
    DateTime NextModified()
    {
        var now = Now;
        _lastModified = now > _lastModified ? now : _lastModified.AddMilliseconds(1);
        return _lastModified;
    }

    void Record(string orderNumber, string kind, string? from, string? to, string by) =>
        _changes.Add(new ZnodeOrderChange { Sequence = _nextChange++, At = _time.GetUtcNow(), OrderNumber = orderNumber, Kind = kind, From = from, To = to, By = by });

    /// <summary>Znode's default: the store's first two letters, <c>-yyMMdd-HHmmss-</c>, three random letters (docs/external-apis/znode.md#orders).</summary>
    string NewOrderNumber(DateTime now)
    {
        while (true)
        {
            var letters = new string([.. Enumerable.Range(0, 3).Select(_ => (char)('A' + Random.Shared.Next(26)))]);
            var number = $"{_storePrefix}-{now.ToString("yyMMdd-HHmmss", CultureInfo.InvariantCulture)}-{letters}";
            if (!_orders.Any(o => o.OrderNumber == number)) return number;
        }
    }
}
