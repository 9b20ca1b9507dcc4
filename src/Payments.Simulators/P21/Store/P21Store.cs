namespace Payments.Simulators.P21.Store;

/// <summary>The simulator's in-memory P21 database. Every read returns a snapshot; every write holds one lock.</summary>
public sealed class P21Store
{
    readonly Lock _gate = new();
    readonly List<P21CustomerRecord> _customers = [];
    readonly List<P21ContactRecord> _contacts = [];
    readonly List<P21CustomerNoteRecord> _notes = [];
    long _nextNoteId = 1;
    readonly List<P21ItemRecord> _items = [];
    readonly List<P21OrderRecord> _orders = [];
    long _nextCustomerId = 100500;
    int _nextOrderNo = 1013939;
    int _nextOeHdrUid = 5000;
    int _nextInvMastUid = 100;

    public IReadOnlyList<P21CustomerRecord> Customers { get { lock (_gate) return _customers.ToArray(); } }
    public IReadOnlyList<P21ContactRecord> Contacts { get { lock (_gate) return _contacts.ToArray(); } }
    public IReadOnlyList<P21CustomerNoteRecord> CustomerNotes { get { lock (_gate) return _notes.ToArray(); } }
    public IReadOnlyList<P21ItemRecord> Items { get { lock (_gate) return _items.ToArray(); } }
    public IReadOnlyList<P21OrderRecord> Orders { get { lock (_gate) return _orders.ToArray(); } }

    /// <summary>The return authorisations (<c>oe_hdr.rma_flag = 'Y'</c>), with their lines.</summary>
    public IReadOnlyList<P21OrderRecord> Rmas { get { lock (_gate) return _orders.Where(o => o.RmaFlag == "Y").ToArray(); } }

    /// <summary>The sales orders on hold: <c>approved = 'N'</c> or a hold class (RMAs, which are created unapproved, are not counted).</summary>
    public IReadOnlyList<P21OrderRecord> Holds
    {
        get { lock (_gate) return _orders.Where(o => o.RmaFlag != "Y" && (o.Approved == "N" || o.OrderHoldClassId is not null)).ToArray(); }
    }

    /// <summary>The general ledger: chart of accounts and posted journal entries.</summary>
    public P21Ledger Ledger { get; } = new();

    public P21CustomerRecord? FindCustomer(long customerId)
    {
        lock (_gate) return _customers.FirstOrDefault(c => c.CustomerId == customerId);
    }

    /// <summary>Case-insensitive, as SQL Server's default collation compares item ids.</summary>
    public P21ItemRecord? FindItem(string itemId)
    {
        lock (_gate) return _items.FirstOrDefault(i => string.Equals(i.ItemId, itemId, StringComparison.OrdinalIgnoreCase));
    }

    public P21OrderRecord? FindOrder(string orderNo)
    {
        lock (_gate) return _orders.FirstOrDefault(o => o.OrderNo == orderNo);
    }

    /// <summary>The orders (and RMAs) <paramref name="matches"/> picks, in the order they were created, without copying the others.</summary>
    public IReadOnlyList<P21OrderRecord> FindOrders(Func<P21OrderRecord, bool> matches)
    {
        lock (_gate) return _orders.Where(matches).ToArray();
    }

    public IReadOnlyList<P21OrderRecord> FindOrdersByReference(string webReferenceNo)
    {
        lock (_gate) return _orders.Where(o => o.WebReferenceNo == webReferenceNo).ToArray();
    }

    /// <summary>Adds a customer; a zero <see cref="P21CustomerRecord.CustomerId"/> takes the next generated id. A customer without ship-tos gets its default one.</summary>
    public P21CustomerRecord AddCustomer(P21CustomerRecord customer)
    {
        lock (_gate)
        {
            var id = customer.CustomerId == 0 ? _nextCustomerId++ : customer.CustomerId;
            if (_customers.Any(c => c.CustomerId == id)) throw new InvalidOperationException($"Customer {id} already exists.");
            _nextCustomerId = Math.Max(_nextCustomerId, id + 1);
            var stored = customer with { CustomerId = id, ShipToIds = customer.ShipToIds.Count == 0 ? [id] : customer.ShipToIds };
            _customers.Add(stored);
            return stored;
        }
    }

    /// <summary>Replaces the customer <paramref name="customerId"/> with what <paramref name="change"/> makes of it; null when there is no such customer.</summary>
    public P21CustomerRecord? UpdateCustomer(long customerId, Func<P21CustomerRecord, P21CustomerRecord> change)
    {
        lock (_gate)
        {
            var index = _customers.FindIndex(c => c.CustomerId == customerId);
            if (index < 0) return null;
            var changed = change(_customers[index]) with { CustomerId = customerId };
            _customers[index] = changed;
            return changed;
        }
    }

    /// <summary>Adds a note under the next note id.</summary>
    public P21CustomerNoteRecord AddCustomerNote(long customerId, string topic, string note, DateTime now)
    {
        lock (_gate)
        {
            var stored = new P21CustomerNoteRecord { NoteId = _nextNoteId++, CustomerId = customerId, Topic = topic, Note = note, DateCreated = now };
            _notes.Add(stored);
            return stored;
        }
    }

    public P21ContactRecord AddContact(P21ContactRecord contact)
    {
        lock (_gate)
        {
            _contacts.Add(contact);
            return contact;
        }
    }

    /// <summary>Adds an item; a zero <see cref="P21ItemRecord.InvMastUid"/> takes the next generated uid.</summary>
    public P21ItemRecord AddItem(P21ItemRecord item)
    {
        lock (_gate)
        {
            if (_items.Any(i => string.Equals(i.ItemId, item.ItemId, StringComparison.OrdinalIgnoreCase)))
                throw new InvalidOperationException($"Item {item.ItemId} already exists.");
            var uid = item.InvMastUid == 0 ? _nextInvMastUid++ : item.InvMastUid;
            _nextInvMastUid = Math.Max(_nextInvMastUid, uid + 1);
            var stored = item with { InvMastUid = uid };
            _items.Add(stored);
            return stored;
        }
    }

    /// <summary>Replaces the order <paramref name="orderNo"/> with what <paramref name="change"/> makes of it; null when there is no such order.</summary>
    public P21OrderRecord? UpdateOrder(string orderNo, Func<P21OrderRecord, P21OrderRecord> change)
    {
        lock (_gate)
        {
            var index = _orders.FindIndex(o => o.OrderNo == orderNo);
            if (index < 0) return null;
            var changed = change(_orders[index]) with { OrderNo = orderNo };
            _orders[index] = changed;
            return changed;
        }
    }

    /// <summary>Stores an order under the next 7-digit order number (and oe_hdr_uid) and returns it.</summary>
    public P21OrderRecord AddOrder(Func<string, int, P21OrderRecord> create)
    {
        lock (_gate)
        {
            var order = create((_nextOrderNo++).ToString("D7", System.Globalization.CultureInfo.InvariantCulture), _nextOeHdrUid++);
            _orders.Add(order);
            return order;
        }
    }
}
