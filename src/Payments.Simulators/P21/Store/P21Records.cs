namespace Payments.Simulators.P21.Store;

/// <summary>A customer as P21 keeps it: the <c>customer</c> row plus its corp <c>address</c> row (address.id = customer_id) and ship-tos.</summary>
public sealed record P21CustomerRecord
{
    public required long CustomerId { get; init; }
    public required string CompanyId { get; init; }
    public required string CustomerName { get; init; }
    public string? SalesrepId { get; init; }
    public string? DefaultBranch { get; init; }
    public string TermsId { get; init; } = "1";
    public string CreditStatus { get; init; } = "GOOD";
    public string? EmailAddress { get; init; }
    /// <summary>The corp address's phone (<c>address.central_phone_number</c>, the entity API's <c>CentralPhoneNumber</c>).</summary>
    public string? CentralPhoneNumber { get; init; }
    /// <summary>The customer's tax ids as one text; P21's column for them is not public [inferred], see <see cref="P21SimulatorOptions.CustomerTaxIdField"/>.</summary>
    public string? TaxExemptNumber { get; init; }
    public string? MailAddress1 { get; init; }
    public string? MailAddress2 { get; init; }
    public string? MailCity { get; init; }
    public string? MailState { get; init; }
    public string? MailPostalCode { get; init; }
    public string? MailCountry { get; init; }
    public string DeleteFlag { get; init; } = "N";
    /// <summary>P21 gives a new customer a default ship-to with the customer's own id [inferred]; orders must name one of these.</summary>
    public IReadOnlyList<long> ShipToIds { get; init; } = [];
    public DateTime DateCreated { get; init; }
    /// <summary>Set by every update through the <c>Customer</c> service; the date created until then.</summary>
    public DateTime? DateLastModified { get; init; }
}

/// <summary>
/// A note on a customer (P21's customer notepad). The Transaction API service that writes it and the table that holds it are not
/// public (docs/external-apis/p21.md#customer-notes) [inferred]: see <see cref="P21SimulatorOptions.CustomerNoteService"/>.
/// </summary>
public sealed record P21CustomerNoteRecord
{
    public required long NoteId { get; init; }
    public required long CustomerId { get; init; }
    public required string Topic { get; init; }
    public required string Note { get; init; }
    public DateTime DateCreated { get; init; }
}

/// <summary>A <c>contacts</c> row; <see cref="AddressId"/> links it to the customer (address.id = customer_id).</summary>
public sealed record P21ContactRecord
{
    public required string Id { get; init; }
    public required long AddressId { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? EmailAddress { get; init; }
}

/// <summary>An <c>inv_mast</c> row.</summary>
public sealed record P21ItemRecord
{
    public required int InvMastUid { get; init; }
    public required string ItemId { get; init; }
    public required string ItemDesc { get; init; }
    public decimal Price1 { get; init; }
    public string DefaultSellingUnit { get; init; } = "EA";
    public string DeleteFlag { get; init; } = "N";
}

/// <summary>An <c>oe_hdr</c> row with its <c>oe_line</c> rows.</summary>
public sealed record P21OrderRecord
{
    public required string OrderNo { get; init; }
    public required int OeHdrUid { get; init; }
    public required string CompanyId { get; init; }
    public required long CustomerId { get; init; }
    public required DateTime OrderDate { get; init; }
    public required DateTime RequestedDate { get; init; }
    public required long LocationId { get; init; }
    public required long SourceLocationId { get; init; }
    public required long ShipToId { get; init; }
    public string? PoNo { get; init; }
    public string? Taker { get; init; }
    public string? ContactId { get; init; }
    /// <summary>The external reference column (<c>oe_hdr.web_reference_no</c>, varchar(255)).</summary>
    public string? WebReferenceNo { get; init; }
    public string? EmailAddress { get; init; }
    public string? Ship2Add1 { get; init; }
    public string? Ship2Add2 { get; init; }
    public string? Ship2City { get; init; }
    public string? Ship2State { get; init; }
    public string? Ship2Zip { get; init; }
    public string Approved { get; init; } = "Y";
    public string CancelFlag { get; init; } = "N";
    public string Completed { get; init; } = "N";
    /// <summary><c>Y</c> on an RMA (a return authorisation), which only the Transaction API's <c>RMA</c> service may load.</summary>
    public string RmaFlag { get; init; } = "N";
    /// <summary>The RMA's reason (<c>REASONCODESHDR.reasoncodeshdr.lost_sales_id</c>), as sent.</summary>
    public string? LostSalesId { get; init; }
    /// <summary>A hold class put on the order (<c>order_hold_class_id</c>); null when none. Not confirmed on <c>oe_hdr</c> [inferred].</summary>
    public string? OrderHoldClassId { get; init; }
    public string DeleteFlag { get; init; } = "N";
    public DateTime DateCreated { get; init; }
    public DateTime? DateLastModified { get; init; }
    public IReadOnlyList<P21OrderLineRecord> Lines { get; init; } = [];
}

/// <summary>An <c>oe_line</c> row. P21's table holds <c>inv_mast_uid</c>, not the item id; <see cref="ItemId"/> is kept as sent, for inspection.</summary>
public sealed record P21OrderLineRecord
{
    public required int LineNo { get; init; }
    public required int InvMastUid { get; init; }
    public required string ItemId { get; init; }
    public required decimal UnitQuantity { get; init; }
    public required decimal UnitPrice { get; init; }
    public string UnitOfMeasure { get; init; } = "EA";
    public decimal ExtendedPrice => decimal.Round(UnitQuantity * UnitPrice, 4);
}
