using Payments.P21Service.Client.Transactions;
using Refit;

namespace Payments.P21Service.Client;

/// <summary>
/// The P21 base host: UI-server router, OData v4 tables and the general ledger's REST family. Every call carries the bearer token (<see cref="P21AuthHandler"/>).
/// The router is called with its trailing slash: the no-slash form answers 307 and .NET drops Authorization on the redirect.
/// </summary>
public interface IP21Api
{
    [Get("/api/ui/router/v1/?urlType=external")]
    Task<UiServerRoute> GetUiServerAsync(CancellationToken cancellationToken);

    [Get("/odataservice/odata/table/customer")]
    Task<ODataResult<CustomerRow>> QueryCustomersAsync([AliasAs("$filter")] string filter, [AliasAs("$select")] string? select, [AliasAs("$top")] int? top, CancellationToken cancellationToken);

    [Get("/odataservice/odata/table/address")]
    Task<ODataResult<AddressRow>> QueryAddressesAsync([AliasAs("$filter")] string filter, [AliasAs("$select")] string? select, [AliasAs("$top")] int? top, CancellationToken cancellationToken);

    [Get("/odataservice/odata/table/ship_to")]
    Task<ODataResult<ShipToRow>> QueryShipTosAsync([AliasAs("$filter")] string filter, [AliasAs("$select")] string? select, [AliasAs("$top")] int? top, CancellationToken cancellationToken);

    [Get("/odataservice/odata/table/contacts")]
    Task<ODataResult<ContactRow>> QueryContactsAsync([AliasAs("$filter")] string filter, [AliasAs("$select")] string? select, [AliasAs("$top")] int? top, CancellationToken cancellationToken);

    /// <summary>Customer notes; the table's name is a setting (<c>P21:Subscriptions:NoteTable</c>) as P21's is not public [inferred].</summary>
    [Get("/odataservice/odata/table/{table}")]
    Task<ODataResult<CustomerNoteRow>> QueryCustomerNotesAsync(string table, [AliasAs("$filter")] string filter, [AliasAs("$select")] string? select, [AliasAs("$top")] int? top, CancellationToken cancellationToken);

    [Get("/odataservice/odata/table/inv_mast")]
    Task<ODataResult<ItemRow>> QueryItemsAsync([AliasAs("$filter")] string filter, [AliasAs("$select")] string? select, [AliasAs("$top")] int? top, CancellationToken cancellationToken);

    [Get("/odataservice/odata/table/oe_hdr")]
    Task<ODataResult<OrderHeaderRow>> QueryOrderHeadersAsync([AliasAs("$filter")] string filter, [AliasAs("$select")] string? select, [AliasAs("$top")] int? top, CancellationToken cancellationToken);

    [Get("/odataservice/odata/table/oe_line")]
    Task<ODataResult<OrderLineRow>> QueryOrderLinesAsync([AliasAs("$filter")] string filter, [AliasAs("$select")] string? select, [AliasAs("$top")] int? top, CancellationToken cancellationToken);

    [Get("/odataservice/odata/table/gl")]
    Task<ODataResult<GlRow>> QueryGlAsync([AliasAs("$filter")] string filter, [AliasAs("$select")] string? select, [AliasAs("$top")] int? top, CancellationToken cancellationToken);

    /// <summary>The chart of accounts, for the mapping check at start-up (<c>Mappings/</c>).</summary>
    [Get("/odataservice/odata/table/chart_of_accts")]
    Task<ODataResult<ChartOfAccountsRow>> QueryChartOfAccountsAsync([AliasAs("$filter")] string filter, [AliasAs("$select")] string? select, [AliasAs("$top")] int? top, CancellationToken cancellationToken);

    /// <summary>The fiscal calendar, for the mapping check at start-up: is today's period open.</summary>
    [Get("/odataservice/odata/table/periods")]
    Task<ODataResult<PeriodRow>> QueryPeriodsAsync([AliasAs("$filter")] string filter, [AliasAs("$select")] string? select, [AliasAs("$top")] int? top, CancellationToken cancellationToken);

    /// <summary>The general ledger's REST family: the lines of one journal entry, which must balance (docs/external-apis/p21.md#gl-journal).</summary>
    [Post("/api/accounting/gl/")]
    Task<List<GlEntryLine>> PostGlEntryAsync([Body] IReadOnlyList<GlEntryLine> lines, CancellationToken cancellationToken);
}

/// <summary>The token endpoint, called without a bearer token. The raw reply is parsed by <see cref="P21TokenProvider"/> (JSON, or XML from older middleware).</summary>
public interface IP21TokenApi
{
    [Post("/api/security/token/v2")]
    Task<HttpResponseMessage> IssueTokenAsync([Body] TokenRequest request, CancellationToken cancellationToken);
}

/// <summary>The Transaction API on the UI server (base address from the router, e.g. <c>https://host/uiserver0</c>).</summary>
public interface IP21TransactionApi
{
    [Post("/api/v2/transaction")]
    Task<TransactionResponse> PostAsync([Body] TransactionSet set, CancellationToken cancellationToken);
}
