namespace Payments.Simulators.P21;

/// <summary>How the P21 simulator listens, whom it lets in, and how it behaves where the public P21 material is silent.</summary>
public sealed class P21SimulatorOptions
{
    /// <summary>Configuration section used by the stand-alone simulator host.</summary>
    public const string Section = "Simulators:P21";

    public string Host { get; set; } = "127.0.0.1";
    /// <summary>0 = any free port (tests); the real address is <see cref="P21Simulator.BaseUrl"/>.</summary>
    public int Port { get; set; }

    public string Username { get; set; } = "api_user";
    public string Password { get; set; } = "api_password";
    /// <summary>Consumer key accepted as <c>{"ClientSecret":…,"GrantType":"client_credentials"}</c>.</summary>
    public string ClientSecret { get; set; } = "62ccc18a-25e2-440c-bf6d-749c117fa9db";
    /// <summary>P21's default is 24 h.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(24);
    /// <summary>
    /// Each token request may end the API user's earlier sessions on a real P21 (docs/external-apis/p21.md#tokens): on by default, the
    /// stricter reading, so that two clients sharing one API user are tested as they may fare. Other users' tokens stay valid.
    /// </summary>
    public bool NewTokenRevokesPrevious { get; set; } = true;

    /// <summary>
    /// API instances serving the UI server's Transaction API; a call beyond them waits (docs/external-apis/p21.md#session-pool-and-limits).
    /// P21's default is 5. Also <c>PUT /_sim/pool</c>.
    /// </summary>
    public int SessionPoolSize { get; set; } = 5;

    /// <summary>How long a call waits for a free API instance before P21 answers 500; P21's default is 60 s.</summary>
    public TimeSpan SessionPoolWait { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long each Transaction API call holds its API instance before P21 works on it (0 = at once): P21's time per call, for load tests.
    /// Also <c>PUT /_sim/pool</c> (<c>latencySeconds</c>).
    /// </summary>
    public TimeSpan TransactionLatency { get; set; }

    /// <summary>The company the API user works in; stamped on created customers and orders.</summary>
    public string CompanyId { get; set; } = "ACME";
    public bool Seed { get; set; } = true;

    /// <summary>
    /// Whether the TAPI <c>Order</c> service accepts <c>web_reference_no</c> on <c>TABPAGE_1.order</c>. Not confirmed by any public source
    /// (docs/external-apis/p21.md#order-reference); when false the simulator refuses it as an invalid column, so a client can be tested
    /// with a <c>po_no</c> fallback.
    /// </summary>
    public bool WebReferenceNoWritable { get; set; } = true;

    /// <summary>
    /// Whether an order keeps the <c>web_reference_no</c> it was sent. False: the field is accepted and the set passes, but the column stays
    /// empty, the silent variant of <see cref="WebReferenceNoWritable"/> (docs/external-apis/p21.md#order-reference).
    /// </summary>
    public bool WebReferenceNoStored { get; set; } = true;

    /// <summary>
    /// The <c>TP_ITEMS.items</c> field that overrides a line's unit price. P21's real field name is not publicly documented
    /// (docs/external-apis/p21.md#assumptions-not-confirmed); "unit_price" is our choice. Lines without it are priced at
    /// <c>inv_mast.price1</c>.
    /// </summary>
    public string LinePriceField { get; set; } = "unit_price";

    /// <summary>
    /// The failure text for an order line whose item is not in <c>inv_mast</c>; P21's exact wording is not public
    /// (docs/external-apis/p21.md#item-look-up). {0} = item id.
    /// </summary>
    public string UnknownItemMessage { get; set; } = "Item ID {0} does not exist.";

    /// <summary>
    /// The field of the <c>Customer</c> service's <c>TABPAGE_1.tp_1_dw_1</c> that P21 keeps as the customer's e-mail (<c>address.email_address</c>).
    /// Not in P21's public Customer recipe (docs/external-apis/p21.md#customer-create). <c>email_address</c> is always accepted; it is kept
    /// only when it is this field. Empty: the form keeps no e-mail, so a created customer cannot be found by e-mail.
    /// </summary>
    public string CustomerEmailField { get; set; } = "email_address";

    /// <summary>
    /// The <c>TABPAGE_1.tp_1_dw_1</c> field that keeps a customer's tax ids. P21's own column for them is not public
    /// (docs/external-apis/p21.md#customer-update) [inferred]; empty: the form has no such field and refuses it as an invalid column.
    /// </summary>
    public string CustomerTaxIdField { get; set; } = "tax_exempt_number";

    /// <summary>
    /// The credit statuses a customer may be set to (<c>customer.credit_status</c>, a code of P21's <c>credit_status</c> table, varchar(8)). Which
    /// codes an installation has is its own; these are the simulator's [inferred]. Another value is refused.
    /// </summary>
    public IList<string> CreditStatuses { get; set; } = ["GOOD", "COD", "HOLD"];

    /// <summary>
    /// The Transaction API service that adds a note to a customer, with its one form (<see cref="CustomerNoteForm"/>: <c>customer_id</c>,
    /// <c>topic</c>, <c>note</c>). P21 documents notepad services for items and suppliers (<c>ItemNotepad</c>, <c>SupplierNotepad</c>)
    /// but none for customers (docs/external-apis/p21.md#customer-notes): the name and the form are [inferred], and configurable.
    /// </summary>
    public string CustomerNoteService { get; set; } = "CustomerNotepad";

    /// <summary>The form of <see cref="CustomerNoteService"/> [inferred].</summary>
    public string CustomerNoteForm { get; set; } = "NOTEPAD.notepad";

    /// <summary>
    /// What a Transaction API value longer than its column gets (docs/external-apis/p21.md#formats-and-field-lengths; not public): false
    /// (default) refuses the transaction with SQL Server's "String or binary data would be truncated." without naming the column, the
    /// harsher reading; true cuts the value to the column's length and the set passes.
    /// </summary>
    public bool TruncateOverLongValues { get; set; }

    /// <summary>
    /// Periods closed for posting, each <c>yyyy-pp</c> (<c>year_for_period</c>-<c>period</c>, e.g. <c>2026-03</c>). A real P21 posts only into an open
    /// period (<c>periods.period_closed</c> N); what <c>/api/accounting/gl</c> answers for a closed one is not public
    /// (docs/external-apis/p21.md#gl-journal): the simulator refuses the entry with the REST family's <c>BusinessException</c> in our
    /// wording. Also <c>PUT /_sim/gl/periods</c>.
    /// </summary>
    public IList<string> ClosedPeriods { get; set; } = [];

    /// <summary>Log requests to the console (the stand-alone host); tests keep it quiet.</summary>
    public bool ConsoleLogging { get; set; }
}
