using Payments.Simulators.P21.Store;

namespace Payments.Simulators.P21.OData;

public enum EdmType { String, Decimal, Int32, DateTime, Boolean }

public sealed record ODataColumn(string Name, EdmType Type);

/// <summary>One exposed table: its columns (snake_case, exactly as P21 spells them) and how to read its rows from the store.</summary>
/// <param name="keyed">
/// For a column often looked up by equality (<c>order_no eq '…'</c>): the rows whose column equals the value, compared as the filter
/// compares strings (ignoring case), without building every other row. The query still applies its whole filter to them.
/// </param>
public sealed class ODataTable(string name, IReadOnlyList<ODataColumn> columns, Func<P21Store, IEnumerable<IReadOnlyDictionary<string, object?>>> rows,
    IReadOnlyDictionary<string, Func<P21Store, string, IEnumerable<IReadOnlyDictionary<string, object?>>>>? keyed = null)
{
    public string Name { get; } = name;
    /// <summary>The entity type in P21's EDM, as error messages name it.</summary>
    public string EntityType => "dbo." + Name;
    public IReadOnlyList<ODataColumn> Columns { get; } = columns;
    public ODataColumn? Column(string name) => Columns.FirstOrDefault(c => c.Name == name); // OData property names are case-sensitive
    public IEnumerable<IReadOnlyDictionary<string, object?>> Rows(P21Store store) => rows(store);

    /// <summary>
    /// The rows a filter can match: when one of its top-level <c>and</c> terms is a keyed column <c>eq</c> a string, only the rows with
    /// that value (a look-up per query instead of a row per order, which grows with every order the run posts); otherwise all.
    /// </summary>
    public IEnumerable<IReadOnlyDictionary<string, object?>> Candidates(P21Store store, FilterNode? filter)
    {
        if (filter is not null && keyed is not null)
            foreach (var (column, value) in Equalities(filter))
                if (keyed.TryGetValue(column, out var lookUp))
                    return lookUp(store, value);
        return rows(store);
    }

    static IEnumerable<(string Column, string Value)> Equalities(FilterNode filter)
    {
        switch (filter)
        {
            case BinaryNode { Operator: "eq", Left: PropertyNode property, Right: LiteralNode { Value: string value } }:
                yield return (property.Name, value);
                break;
            case BinaryNode { Operator: "eq", Left: LiteralNode { Value: string value }, Right: PropertyNode property }:
                yield return (property.Name, value);
                break;
            case BinaryNode { Operator: "and" } and:
                foreach (var term in Equalities(and.Left).Concat(Equalities(and.Right)))
                    yield return term;
                break;
        }
    }
}

/// <summary>
/// The subset of P21's ~3,400 tables the integration reads. Columns and types follow the P21 schema
/// (docs/external-apis/p21.md#tables-we-read).
/// </summary>
public static class ODataTables
{
    static ODataColumn S(string n) => new(n, EdmType.String);
    static ODataColumn D(string n) => new(n, EdmType.Decimal);
    static ODataColumn I(string n) => new(n, EdmType.Int32);
    static ODataColumn T(string n) => new(n, EdmType.DateTime);

    public static readonly IReadOnlyDictionary<string, ODataTable> All = new[]
    {
        new ODataTable("customer",
            [S("company_id"), D("customer_id"), S("customer_name"), S("salesrep_id"), S("terms_id"), S("credit_status"), D("credit_limit"), S("tax_exempt_number"),
             S("delete_flag"), T("date_created"), T("date_last_modified")],
            store => store.Customers.Select(c => Row(
                ("company_id", c.CompanyId), ("customer_id", (decimal)c.CustomerId), ("customer_name", c.CustomerName), ("salesrep_id", c.SalesrepId),
                ("terms_id", c.TermsId), ("credit_status", c.CreditStatus), ("credit_limit", 0m), ("tax_exempt_number", c.TaxExemptNumber), ("delete_flag", c.DeleteFlag),
                ("date_created", c.DateCreated), ("date_last_modified", c.DateLastModified ?? c.DateCreated)))),
        new ODataTable("address",
            [D("id"), S("name"), S("mail_address1"), S("mail_address2"), S("mail_city"), S("mail_state"), S("mail_postal_code"), S("mail_country"), S("email_address"), S("central_phone_number"), S("delete_flag")],
            store => store.Customers.Select(c => Row(
                ("id", (decimal)c.CustomerId), ("name", c.CustomerName), ("mail_address1", c.MailAddress1), ("mail_address2", c.MailAddress2), ("mail_city", c.MailCity),
                ("mail_state", c.MailState), ("mail_postal_code", c.MailPostalCode), ("mail_country", c.MailCountry), ("email_address", c.EmailAddress),
                ("central_phone_number", c.CentralPhoneNumber), ("delete_flag", c.DeleteFlag)))),
        // P21's table of customer notes is not public [inferred]: the notes the customer note service wrote.
        new ODataTable("customer_notepad",
            [D("note_id"), D("customer_id"), S("topic"), S("note"), T("date_created")],
            store => store.CustomerNotes.Select(n => Row(
                ("note_id", (decimal)n.NoteId), ("customer_id", (decimal)n.CustomerId), ("topic", n.Topic), ("note", n.Note), ("date_created", n.DateCreated)))),
        new ODataTable("ship_to",
            [S("company_id"), D("ship_to_id"), D("customer_id"), S("default_branch"), S("delete_flag")],
            store => store.Customers.SelectMany(c => c.ShipToIds.Select(id => Row(
                ("company_id", c.CompanyId), ("ship_to_id", (decimal)id), ("customer_id", (decimal)c.CustomerId), ("default_branch", c.DefaultBranch),
                ("delete_flag", c.DeleteFlag))))),
        new ODataTable("contacts",
            [S("id"), D("address_id"), S("first_name"), S("last_name"), S("email_address")],
            store => store.Contacts.Select(c => Row(
                ("id", c.Id), ("address_id", (decimal)c.AddressId), ("first_name", c.FirstName), ("last_name", c.LastName), ("email_address", c.EmailAddress)))),
        new ODataTable("inv_mast",
            [I("inv_mast_uid"), S("item_id"), S("item_desc"), D("price1"), S("default_selling_unit"), S("delete_flag")],
            store => store.Items.Select(i => Row(
                ("inv_mast_uid", i.InvMastUid), ("item_id", i.ItemId), ("item_desc", i.ItemDesc), ("price1", i.Price1), ("default_selling_unit", i.DefaultSellingUnit),
                ("delete_flag", i.DeleteFlag)))),
        new ODataTable("oe_hdr",
            [S("order_no"), I("oe_hdr_uid"), S("company_id"), D("customer_id"), T("order_date"), T("requested_date"), S("po_no"), S("taker"), S("contact_id"),
             D("location_id"), D("source_location_id"), D("ship_to_id"), S("web_reference_no"), S("ship2_email_address"), S("ship2_add1"), S("ship2_add2"),
             S("ship2_city"), S("ship2_state"), S("ship2_zip"), S("approved"), S("cancel_flag"), S("completed"), S("rma_flag"), S("order_hold_class_id"), S("delete_flag"),
             T("date_created"), T("date_last_modified")],
            store => store.Orders.Select(OrderRow),
            new Dictionary<string, Func<P21Store, string, IEnumerable<IReadOnlyDictionary<string, object?>>>>
            {
                ["order_no"] = (store, value) => store.FindOrders(o => Same(o.OrderNo, value)).Select(OrderRow),
                ["po_no"] = (store, value) => store.FindOrders(o => Same(o.PoNo, value)).Select(OrderRow),
                ["web_reference_no"] = (store, value) => store.FindOrders(o => Same(o.WebReferenceNo, value)).Select(OrderRow),
            }),
        new ODataTable("oe_line",
            [S("order_no"), D("line_no"), I("inv_mast_uid"), D("unit_price"), D("qty_ordered"), D("unit_quantity"), S("unit_of_measure"), D("unit_size"),
             D("extended_price"), T("required_date"), S("delete_flag")],
            store => store.Orders.SelectMany(LineRows),
            // The sales-order read-back asks for one order's lines after every posting: like oe_hdr's, not a row per line of every order.
            new Dictionary<string, Func<P21Store, string, IEnumerable<IReadOnlyDictionary<string, object?>>>>
            {
                ["order_no"] = (store, value) => store.FindOrders(o => Same(o.OrderNo, value)).SelectMany(LineRows),
            }),
        new ODataTable("gl",
            [I("gl_uid"), S("company_no"), S("account_number"), D("period"), D("year_for_period"), S("journal_id"), D("amount"), D("foreign_amount"),
             S("source"), S("description"), T("transaction_date"), D("transaction_number"), D("sequence_number"), S("approved"), T("date_created")],
            store => store.Ledger.Lines.Select(l => Row(
                ("gl_uid", l.GlUid), ("company_no", l.CompanyNo), ("account_number", l.AccountNumber), ("period", (decimal)l.Period),
                ("year_for_period", (decimal)l.YearForPeriod), ("journal_id", l.JournalId), ("amount", l.Amount), ("foreign_amount", l.ForeignAmount),
                ("source", l.Source), ("description", l.Description), ("transaction_date", l.TransactionDate), ("transaction_number", (decimal)l.TransactionNumber),
                ("sequence_number", (decimal)l.SequenceNumber), ("approved", l.Approved), ("date_created", l.DateCreated)))),
        // The chart of accounts and the fiscal calendar, as `payments config validate` and a service's start-up check read them: does a
        // mapped GL account exist, is the current period open. Table and column names as P21's schema spells them [inferred]; the
        // simulator keeps one company, so neither has P21's company_no; the calendar is the simulator's: periods 1 to 12 of last, this and next year (and any closed one), open unless closed.
        new ODataTable("chart_of_accts",
            [S("account_no"), S("account_desc"), S("delete_flag")],
            store => store.Ledger.Accounts.Select(a => Row(
                ("account_no", a.AccountNumber), ("account_desc", a.Description), ("delete_flag", "N")))),
        new ODataTable("periods",
            [D("year_for_period"), D("period"), S("period_closed")],
            store => Calendar(store).Select(p => Row(
                ("year_for_period", (decimal)p.YearForPeriod), ("period", (decimal)p.Period),
                ("period_closed", store.Ledger.IsClosed(p.YearForPeriod, p.Period) ? "Y" : "N")))),
    }.ToDictionary(t => t.Name);

    static IEnumerable<P21GlPeriod> Calendar(P21Store store)
    {
        var year = DateTime.UtcNow.Year;
        var years = store.Ledger.ClosedPeriods.Select(p => p.YearForPeriod).Concat([year - 1, year, year + 1]).Distinct().Order();
        return years.SelectMany(y => Enumerable.Range(1, 12).Select(p => new P21GlPeriod(y, p)))
            .Concat(store.Ledger.ClosedPeriods).Distinct();
    }

    static IReadOnlyDictionary<string, object?> OrderRow(P21OrderRecord o) => Row(
        ("order_no", o.OrderNo), ("oe_hdr_uid", o.OeHdrUid), ("company_id", o.CompanyId), ("customer_id", (decimal)o.CustomerId), ("order_date", o.OrderDate),
        ("requested_date", o.RequestedDate), ("po_no", o.PoNo), ("taker", o.Taker), ("contact_id", o.ContactId), ("location_id", (decimal)o.LocationId),
        ("source_location_id", (decimal)o.SourceLocationId), ("ship_to_id", (decimal)o.ShipToId), ("web_reference_no", o.WebReferenceNo),
        ("ship2_email_address", o.EmailAddress), ("ship2_add1", o.Ship2Add1), ("ship2_add2", o.Ship2Add2), ("ship2_city", o.Ship2City),
        ("ship2_state", o.Ship2State), ("ship2_zip", o.Ship2Zip), ("approved", o.Approved), ("cancel_flag", o.CancelFlag), ("completed", o.Completed),
        ("rma_flag", o.RmaFlag), ("order_hold_class_id", o.OrderHoldClassId), ("delete_flag", o.DeleteFlag), ("date_created", o.DateCreated),
        ("date_last_modified", o.DateLastModified ?? o.DateCreated));

    static IEnumerable<IReadOnlyDictionary<string, object?>> LineRows(P21OrderRecord o) => o.Lines.Select(l => Row(
        ("order_no", o.OrderNo), ("line_no", (decimal)l.LineNo), ("inv_mast_uid", l.InvMastUid), ("unit_price", l.UnitPrice), ("qty_ordered", l.UnitQuantity),
        ("unit_quantity", l.UnitQuantity), ("unit_of_measure", l.UnitOfMeasure), ("unit_size", 1m), ("extended_price", l.ExtendedPrice),
        ("required_date", o.RequestedDate), ("delete_flag", "N")));

    /// <summary>String equality as the filter's <c>eq</c> compares (SQL Server's case-insensitive collation).</summary>
    static bool Same(string? column, string value) => string.Equals(column, value, StringComparison.OrdinalIgnoreCase);

    static IReadOnlyDictionary<string, object?> Row(params (string Name, object? Value)[] values) => values.ToDictionary(v => v.Name, v => v.Value);
}
