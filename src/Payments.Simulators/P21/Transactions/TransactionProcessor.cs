using System.Globalization;
using Payments.Simulators.P21.Store;

namespace Payments.Simulators.P21.Transactions;

/// <summary>A P21 business rule refused a transaction: the API still answers HTTP 200, with <c>Summary.Failed</c> and this message.</summary>
public sealed class BusinessRuleException(string message) : Exception(message);

/// <summary>What P21 may silently leave out of an order it reports as passed (docs/external-apis/p21.md#transaction-failures).</summary>
[Flags]
public enum OrderLosses
{
    None = 0,
    /// <summary>The last line is not stored.</summary>
    LastLine = 1,
    /// <summary>Lines are priced at <c>inv_mast.price1</c> whatever price was sent.</summary>
    LinePrices = 2,
}

/// <summary>
/// The Transaction API's <c>Order</c> (create; approve or hold an existing order), <c>RMA</c> (create, cancel; see TransactionProcessor.Rma.cs)
/// and <c>Customer</c> (create; update, see TransactionProcessor.Customer.cs) services, and the customer note service [inferred]. Each transaction is validated in full before anything is
/// stored, so a failed transaction leaves no trace (P21 transactions are atomic). Messages marked [seen] are P21's verbatim wording
/// (docs/external-apis/p21.md#transaction-failures); the others are our wording where P21's is not public.
/// </summary>
public sealed partial class TransactionProcessor(P21Store store, P21SimulatorOptions options, TimeProvider time)
{
    public const string OrderHeader = "TABPAGE_1.order";
    public const string OrderItems = "TP_ITEMS.items";
    public const string CustomerForm = "TABPAGE_1.tp_1_dw_1";
    public const string CustomerShipTo = "SHIP_TO_GENERAL.ship_to_general";

    static readonly HashSet<string> OrderHeaderFields =
    [
        "customer_id", "sales_loc_id", "source_loc_id", "order_date", "requested_date", "po_no", "taker", "ship_to_id", "contact_id", "quote", "order_no",
        "job_name", "email_address", "approved", "cancel_flag", "oe_hdr_terms", "oe_hdr_ship2_add1", "oe_hdr_ship2_add2", "oe_hdr_ship2_city",
        "oe_hdr_ship2_state", "oe_hdr_ship2_zip", "oe_hdr_carrier_id", "packing_basis", "delivery_instructions", "freight_cd", "supplier_order_no",
        "ups_code", "c_po_no_append", "company_id", "web_reference_no",
    ];

    static readonly HashSet<string> CustomerFields =
    [
        "customer_name", "salesrep_id", "mail_address1", "mail_address2", "mail_city", "mail_state", "mail_postal_code", "mail_country",
        "central_phone_number", "terms_id", "company_id",
        // Not in the public Customer recipe; accepted so a created customer can be found again by e-mail [inferred].
        "email_address",
    ];

    // Column lengths of the tables behind the fields (docs/external-apis/p21.md#formats-and-field-lengths): oe_hdr po_no 50, taker 30,
    // ship2_* 50, ship2_zip 10, web_reference_no 255 [documented]; a customer's name and mail address live in `address`, whose name and
    // address lines we take to be 50 like oe_hdr's [inferred], mail_postal_code 10 [documented].
    static readonly Dictionary<string, int> OrderHeaderLengths = new()
    {
        ["po_no"] = 50, ["taker"] = 30, ["web_reference_no"] = 255, ["email_address"] = 255, ["job_name"] = 40, ["contact_id"] = 16,
        ["oe_hdr_ship2_add1"] = 50, ["oe_hdr_ship2_add2"] = 50, ["oe_hdr_ship2_city"] = 50, ["oe_hdr_ship2_state"] = 50, ["oe_hdr_ship2_zip"] = 10,
    };

    static readonly Dictionary<string, int> CustomerLengths = new()
    {
        ["customer_name"] = 50, ["mail_address1"] = 50, ["mail_address2"] = 50, ["mail_city"] = 50, ["mail_state"] = 50,
        ["mail_postal_code"] = 10, ["mail_country"] = 50, ["email_address"] = 255, ["email"] = 255, ["salesrep_id"] = 16, ["central_phone_number"] = 20,
    };

    static readonly Dictionary<string, int> OrderLineLengths = new() { ["oe_order_item_id"] = 40 };

    public bool IsKnownService(string? name) => name is "Order" or "Customer" or RmaService || (name is not null && name == options.CustomerNoteService);

    public TransactionResponse Process(TransactionSet set, OrderLosses losses = OrderLosses.None)
    {
        var response = new TransactionResponse();
        var results = new List<Transaction>();
        var number = 0;
        foreach (var transaction in set.Transactions ?? [])
        {
            number++;
            try
            {
                results.Add(set.Name switch
                {
                    "Order" when HeaderOrderNo(transaction, OrderHeader) is { } orderNo => UpdateOrder(transaction, orderNo),
                    "Order" => CreateOrder(transaction, losses),
                    RmaService when HeaderOrderNo(transaction, OrderHeader) is { } rmaNo => UpdateRma(transaction, rmaNo),
                    RmaService => CreateRma(transaction, set.IgnoreDisabled),
                    "Customer" when HeaderOrderNo(transaction, CustomerForm, "customer_id") is { } customerId => UpdateCustomer(transaction, customerId),
                    "Customer" => CreateCustomer(transaction),
                    _ => AddCustomerNote(transaction),
                });
                response.Messages.Add($"Transaction {number}:: ");
                response.Summary.Succeeded++;
            }
            catch (BusinessRuleException e)
            {
                response.Messages.Add($"Transaction {number}:: {e.Message}");
                response.Summary.Failed++;
                results.Add(new Transaction { Status = "Failed", DataElements = transaction.DataElements });
            }
        }
        // Public failure examples carry Results: null; we keep that when nothing passed
        // [inferred for mixed sets] (docs/external-apis/p21.md#transaction-failures).
        response.Results = response.Summary.Succeeded == 0 ? null : new TransactionResults { Name = set.Name, Transactions = results };
        return response;
    }

    /// <summary>A failure message for a transaction the fault injector refuses.</summary>
    public static TransactionResponse Refused(TransactionSet set, string message)
    {
        var response = new TransactionResponse();
        var count = Math.Max(1, set.Transactions?.Count ?? 1);
        for (var i = 1; i <= count; i++) response.Messages.Add($"Transaction {i}:: {message}");
        response.Summary.Failed = count;
        return response;
    }

    Transaction CreateOrder(Transaction transaction, OrderLosses losses)
    {
        RequireKnownElements(transaction, OrderHeader, OrderItems);
        var headerElement = Element(transaction, OrderHeader) ?? throw new BusinessRuleException("Customer ID is required");
        var header = SingleRowEdits(headerElement, OrderHeaderFields);
        FitLengths(header, OrderHeaderLengths);

        if (header.ContainsKey("company_id")) throw new BusinessRuleException("Column is disabled: company_id"); // [seen]
        if (!options.WebReferenceNoWritable && header.ContainsKey("web_reference_no"))
            throw new BusinessRuleException("Invalid column name: web_reference_no");
        if (!header.TryGetValue("customer_id", out var customerText)) throw new BusinessRuleException("Customer ID is required"); // [seen]
        var customer = (long.TryParse(customerText, NumberStyles.None, CultureInfo.InvariantCulture, out var customerId) ? store.FindCustomer(customerId) : null)
            is { DeleteFlag: "N" } c && c.CompanyId == options.CompanyId
            ? c
            : throw new BusinessRuleException($"Customer ID {customerText} is not valid.");
        if (!header.TryGetValue("ship_to_id", out var shipToText)) throw new BusinessRuleException("This column is required."); // [seen]
        if (!long.TryParse(shipToText, NumberStyles.None, CultureInfo.InvariantCulture, out var shipToId) || !customer.ShipToIds.Contains(shipToId))
            throw new BusinessRuleException($"Ship To ID {shipToText} is not valid for customer {customer.CustomerId}.");
        if (!header.TryGetValue("source_loc_id", out var sourceText)) throw new BusinessRuleException("Jurisdiction ID for Order Header Tax is required."); // [seen, abridged]
        var sourceLocation = Number(sourceText, "Source Location");
        var salesLocation = header.TryGetValue("sales_loc_id", out var salesText) ? Number(salesText, "Sales Location") : 10;

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var orderDate = header.TryGetValue("order_date", out var od) ? Date(od, "Order Date") : today;
        // P21 defaults the requested date itself; one day later keeps clear of its same-day prompt [inferred].
        var requestedDate = header.TryGetValue("requested_date", out var rd) ? Date(rd, "Requested Date") : orderDate.AddDays(1);
        // On P21 a requested date not after the order date raises a prompt nobody can answer over the API [seen]; modelled as a failure.
        if (requestedDate <= orderDate)
            throw new BusinessRuleException("General Exception: Requested Date must be after the Order Date.");

        var lines = OrderLines(transaction, losses.HasFlag(OrderLosses.LinePrices));
        if (losses.HasFlag(OrderLosses.LastLine) && lines.Count > 0) lines.RemoveAt(lines.Count - 1);
        var stored = store.AddOrder((orderNo, uid) => new P21OrderRecord
        {
            OrderNo = orderNo, OeHdrUid = uid, CompanyId = customer.CompanyId, CustomerId = customer.CustomerId,
            OrderDate = orderDate.ToDateTime(TimeOnly.MinValue), RequestedDate = requestedDate.ToDateTime(TimeOnly.MinValue),
            LocationId = salesLocation, SourceLocationId = sourceLocation, ShipToId = shipToId,
            PoNo = header.GetValueOrDefault("po_no"), Taker = header.GetValueOrDefault("taker"), ContactId = header.GetValueOrDefault("contact_id"),
            WebReferenceNo = options.WebReferenceNoStored ? header.GetValueOrDefault("web_reference_no") : null, EmailAddress = header.GetValueOrDefault("email_address"),
            Ship2Add1 = header.GetValueOrDefault("oe_hdr_ship2_add1"), Ship2Add2 = header.GetValueOrDefault("oe_hdr_ship2_add2"),
            Ship2City = header.GetValueOrDefault("oe_hdr_ship2_city"), Ship2State = header.GetValueOrDefault("oe_hdr_ship2_state"),
            Ship2Zip = header.GetValueOrDefault("oe_hdr_ship2_zip"),
            Approved = header.GetValueOrDefault("approved") is "OFF" or "N" ? "N" : "Y",
            DateCreated = time.GetUtcNow().UtcDateTime, Lines = lines,
        });

        var echoed = header.Select(e => new Edit { Name = e.Key, Value = e.Value }).Append(new Edit { Name = "order_no", Value = stored.OrderNo }).ToList();
        return new Transaction
        {
            Status = "Passed",
            DataElements =
            [
                new DataElement { Name = OrderHeader, Type = "Form", Keys = ["order_no"], Rows = [new DataRow { Edits = echoed }] },
                ItemsElement(stored),
            ],
        };
    }

    List<P21OrderLineRecord> OrderLines(Transaction transaction, bool ignorePrices)
    {
        var element = Element(transaction, OrderItems);
        if (element is null) return [];
        var keys = element.Keys is { Count: > 0 } k ? k : ["oe_order_item_id"];
        var allowed = new HashSet<string> { "oe_order_item_id", "unit_quantity", "unit_of_measure", "user_line_no", "extended_desc", options.LinePriceField };

        // Rows with equal key values collapse into one, the last one winning, and the transaction still passes [seen].
        var rows = new List<(string Key, Dictionary<string, string> Edits)>();
        foreach (var row in element.Rows ?? [])
        {
            var edits = RowEdits(row, allowed);
            FitLengths(edits, OrderLineLengths);
            var keyValues = keys.Select(key => edits.TryGetValue(key, out var v)
                ? v
                : throw new BusinessRuleException("General Exception: Sequence contains no matching element")); // [seen]
            var key = string.Join('\u001f', keyValues);
            var index = rows.FindIndex(r => r.Key == key);
            if (index >= 0) rows[index] = (key, edits);
            else rows.Add((key, edits));
        }

        var lines = new List<P21OrderLineRecord>();
        foreach (var (_, edits) in rows)
        {
            var itemId = edits.GetValueOrDefault("oe_order_item_id") ?? throw new BusinessRuleException("This column is required.");
            var item = store.FindItem(itemId) is { DeleteFlag: "N" } found ? found : throw new BusinessRuleException(string.Format(CultureInfo.InvariantCulture, options.UnknownItemMessage, itemId));
            var quantity = edits.TryGetValue("unit_quantity", out var q) ? Decimal(q, "Quantity Ordered") : 1m;
            if (quantity <= 0) throw new BusinessRuleException("Quantity Ordered must be greater than zero.");
            var price = edits.TryGetValue(options.LinePriceField, out var p) && !ignorePrices ? Decimal(p, "Unit Price") : item.Price1;
            lines.Add(new P21OrderLineRecord
            {
                LineNo = lines.Count + 1, InvMastUid = item.InvMastUid, ItemId = itemId, UnitQuantity = quantity, UnitPrice = price,
                UnitOfMeasure = edits.GetValueOrDefault("unit_of_measure") ?? item.DefaultSellingUnit,
            });
        }
        return lines;
    }

    Transaction CreateCustomer(Transaction transaction)
    {
        RequireKnownElements(transaction, CustomerForm, CustomerShipTo);
        // The e-mail field of the Customer form is not public [inferred]: P21 keeps the one named by CustomerEmailField and accepts the
        // Order form's email_address name without keeping it (so a client that guessed wrong learns it only by looking the customer up).
        var emailField = string.IsNullOrWhiteSpace(options.CustomerEmailField) ? null : options.CustomerEmailField;
        var taxField = string.IsNullOrWhiteSpace(options.CustomerTaxIdField) ? null : options.CustomerTaxIdField;
        var allowed = new HashSet<string>(CustomerFields);
        if (emailField is not null) allowed.Add(emailField);
        if (taxField is not null) allowed.Add(taxField);
        var form = Element(transaction, CustomerForm) is { } f ? SingleRowEdits(f, allowed) : [];
        var shipTo = Element(transaction, CustomerShipTo) is { } s ? SingleRowEdits(s, new HashSet<string> { "default_branch" }) : [];
        FitLengths(form, taxField is null ? CustomerLengths : new Dictionary<string, int>(CustomerLengths) { [taxField] = 255 });

        if (!form.TryGetValue("customer_name", out var name)) throw new BusinessRuleException("Customer Name is required.");
        if (!form.TryGetValue("salesrep_id", out var salesrep)) throw new BusinessRuleException("Salesrep ID is required for a new ship to."); // [seen]
        if (!shipTo.TryGetValue("default_branch", out var branch)) throw new BusinessRuleException("'Default Branch' is a required column."); // [seen]
        if (form.TryGetValue("company_id", out var company) && company != options.CompanyId)
            throw new BusinessRuleException($"Company ID {company} is not valid.");

        var created = store.AddCustomer(new P21CustomerRecord
        {
            CustomerId = 0, CompanyId = options.CompanyId, CustomerName = name, SalesrepId = salesrep, DefaultBranch = branch,
            TermsId = form.GetValueOrDefault("terms_id") ?? "1", EmailAddress = emailField is null ? null : form.GetValueOrDefault(emailField),
            CentralPhoneNumber = form.GetValueOrDefault("central_phone_number"), TaxExemptNumber = taxField is null ? null : form.GetValueOrDefault(taxField),
            MailAddress1 = form.GetValueOrDefault("mail_address1"), MailAddress2 = form.GetValueOrDefault("mail_address2"),
            MailCity = form.GetValueOrDefault("mail_city"), MailState = form.GetValueOrDefault("mail_state"),
            MailPostalCode = form.GetValueOrDefault("mail_postal_code"), MailCountry = form.GetValueOrDefault("mail_country"),
            DateCreated = time.GetUtcNow().UtcDateTime,
        });

        var echoed = form.Where(e => e.Key is not ("company_id" or "customer_id")).Select(e => new Edit { Name = e.Key, Value = e.Value })
            .Append(new Edit { Name = "company_id", Value = created.CompanyId })
            .Append(new Edit { Name = "customer_id", Value = created.CustomerId.ToString(CultureInfo.InvariantCulture) })
            .ToList();
        return new Transaction
        {
            Status = "Passed",
            DataElements =
            [
                new DataElement { Name = CustomerForm, Type = "Form", Keys = ["company_id", "customer_id"], Rows = [new DataRow { Edits = echoed }] },
                new DataElement { Name = CustomerShipTo, Type = "Form", Keys = [], Rows = [new DataRow { Edits = [new Edit { Name = "default_branch", Value = branch }] }] },
            ],
        };
    }

    /// <summary><c>/transaction/get</c>: the current state of one record per key set, or null when a key is unknown (P21 answers 404).</summary>
    public TransactionSet? Get(TransactionGetRequest request)
    {
        var transactions = new List<Transaction>();
        foreach (var state in request.TransactionStates ?? [])
        {
            var key = state.Keys?.FirstOrDefault()?.Value;
            Transaction? found = (request.ServiceName, state.DataElementName) switch
            {
                ("Order", OrderHeader) when key is not null && store.FindOrder(key) is { RmaFlag: "Y" } => throw new BusinessRuleException(RmaThroughOrder),
                ("Order", OrderHeader) when key is not null && store.FindOrder(key) is { } order => OrderState(order),
                (RmaService, OrderHeader) when key is not null && store.FindOrder(key) is { RmaFlag: "Y" } rma => OrderState(rma),
                ("Customer", CustomerForm) when long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && store.FindCustomer(id) is { } customer
                    => CustomerState(customer),
                _ => null,
            };
            if (found is null) return null;
            transactions.Add(found);
        }
        return new TransactionSet { Name = request.ServiceName, UseCodeValues = false, Transactions = transactions };
    }

    // A read returns a set that can be edited and posted back, and posting needs Status "New" [inferred].
    static Transaction OrderState(P21OrderRecord order) => new()
    {
        Status = "New",
        DataElements =
        [
            new DataElement
            {
                Name = OrderHeader, Type = "Form", Keys = ["order_no"],
                Rows = [new DataRow { Edits = Edits(
                    ("order_no", order.OrderNo), ("company_id", order.CompanyId), ("customer_id", Text(order.CustomerId)), ("ship_to_id", Text(order.ShipToId)),
                    ("sales_loc_id", Text(order.LocationId)), ("source_loc_id", Text(order.SourceLocationId)),
                    ("order_date", order.OrderDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                    ("requested_date", order.RequestedDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                    ("po_no", order.PoNo), ("taker", order.Taker), ("web_reference_no", order.WebReferenceNo), ("approved", order.Approved == "Y" ? "ON" : "OFF")) }],
            },
            ItemsElement(order),
        ],
    };

    static Transaction CustomerState(P21CustomerRecord customer) => new()
    {
        Status = "New",
        DataElements =
        [
            new DataElement
            {
                Name = CustomerForm, Type = "Form", Keys = ["company_id", "customer_id"],
                Rows = [new DataRow { Edits = Edits(
                    ("company_id", customer.CompanyId), ("customer_id", Text(customer.CustomerId)), ("customer_name", customer.CustomerName),
                    ("salesrep_id", customer.SalesrepId), ("email_address", customer.EmailAddress), ("mail_address1", customer.MailAddress1),
                    ("mail_address2", customer.MailAddress2), ("mail_city", customer.MailCity), ("mail_state", customer.MailState),
                    ("mail_postal_code", customer.MailPostalCode), ("mail_country", customer.MailCountry), ("central_phone_number", customer.CentralPhoneNumber),
                    ("terms_id", customer.TermsId), ("credit_status", customer.CreditStatus)) }],
            },
        ],
    };

    static DataElement ItemsElement(P21OrderRecord order) => new()
    {
        Name = OrderItems, Type = "List", Keys = ["oe_order_item_id"],
        Rows = order.Lines.Select(l => new DataRow
        {
            Edits = Edits(("oe_order_item_id", l.ItemId), ("unit_quantity", l.UnitQuantity.ToString(CultureInfo.InvariantCulture)),
                ("unit_price", l.UnitPrice.ToString(CultureInfo.InvariantCulture)), ("user_line_no", l.LineNo.ToString("D3", CultureInfo.InvariantCulture))),
        }).ToList(),
    };

    static List<Edit> Edits(params (string Name, string? Value)[] values) =>
        values.Where(v => v.Value is not null).Select(v => new Edit { Name = v.Name, Value = v.Value }).ToList();

    static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// A value longer than its column: refused with SQL Server's opaque message (P21 runs on SQL Server; which column is not said), or cut
    /// to the column's length with <see cref="P21SimulatorOptions.TruncateOverLongValues"/>. What the Transaction API really does is not
    /// public (docs/external-apis/p21.md#formats-and-field-lengths).
    /// </summary>
    void FitLengths(Dictionary<string, string> edits, IReadOnlyDictionary<string, int> lengths)
    {
        foreach (var (field, length) in lengths)
        {
            if (!edits.TryGetValue(field, out var value) || value.Length <= length) continue;
            if (!options.TruncateOverLongValues)
                throw new BusinessRuleException("General Exception: String or binary data would be truncated. The statement has been terminated."); // SQL Server's wording
            edits[field] = value[..length];
        }
    }

    static DataElement? Element(Transaction transaction, string name) => transaction.DataElements?.LastOrDefault(e => e.Name == name);

    static void RequireKnownElements(Transaction transaction, params string[] known)
    {
        foreach (var element in transaction.DataElements ?? [])
            if (!known.Contains(element.Name))
                throw new BusinessRuleException($"General Exception: Data element {element.Name} is not available."); // our wording
    }

    static Dictionary<string, string> SingleRowEdits(DataElement element, IReadOnlySet<string> allowed) =>
        element.Rows is { Count: > 0 } rows ? RowEdits(rows[^1], allowed) : [];

    static Dictionary<string, string> RowEdits(DataRow row, IReadOnlySet<string> allowed)
    {
        var edits = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var edit in row.Edits ?? [])
        {
            if (string.IsNullOrEmpty(edit.Name)) continue;
            if (!allowed.Contains(edit.Name)) throw new BusinessRuleException($"Invalid column name: {edit.Name}"); // [seen]
            if (string.IsNullOrEmpty(edit.Value) && edit.IgnoreIfEmpty) continue;
            edits[edit.Name] = edit.Value ?? "";
        }
        return edits;
    }

    static long Number(string text, string label) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : throw new BusinessRuleException($"Invalid value for {label}: {text}");

    static decimal Decimal(string text, string label) =>
        decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new BusinessRuleException($"Invalid value for {label}: {text}");

    static DateOnly Date(string text, string label) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
            ? value
            : throw new BusinessRuleException($"Required value missing for {label}"); // P21's wording for an unreadable date [seen: "Required value missing for End Date"]
}
