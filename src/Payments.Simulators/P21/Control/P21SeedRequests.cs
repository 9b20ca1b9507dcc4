using Payments.Simulators.P21.Store;

namespace Payments.Simulators.P21.Control;

/// <summary>The body of <c>POST /_sim/customers</c>: a customer (and its corp address); <c>customerId</c> omitted takes the next free id.</summary>
public sealed record SeedCustomerRequest
{
    public long? CustomerId { get; init; }
    public string? CustomerName { get; init; }
    public string? CompanyId { get; init; }
    public string? SalesrepId { get; init; } = "1100";
    public string? DefaultBranch { get; init; } = "10";
    public string TermsId { get; init; } = "1";
    public string CreditStatus { get; init; } = "GOOD";
    public string? EmailAddress { get; init; }
    public string? CentralPhoneNumber { get; init; }
    public string? MailAddress1 { get; init; }
    public string? MailAddress2 { get; init; }
    public string? MailCity { get; init; }
    public string? MailState { get; init; }
    public string? MailPostalCode { get; init; }
    public string? MailCountry { get; init; }
    public string DeleteFlag { get; init; } = "N";
    public List<long>? ShipToIds { get; init; }

    public P21CustomerRecord ToRecord(string companyId, DateTime now) => new()
    {
        CustomerId = CustomerId ?? 0, CompanyId = CompanyId ?? companyId, CustomerName = CustomerName!, SalesrepId = SalesrepId, DefaultBranch = DefaultBranch,
        TermsId = TermsId, CreditStatus = CreditStatus, EmailAddress = EmailAddress, CentralPhoneNumber = CentralPhoneNumber, MailAddress1 = MailAddress1, MailAddress2 = MailAddress2, MailCity = MailCity,
        MailState = MailState, MailPostalCode = MailPostalCode, MailCountry = MailCountry, DeleteFlag = DeleteFlag, ShipToIds = ShipToIds ?? [], DateCreated = now,
    };
}

/// <summary>The body of <c>POST /_sim/contacts</c>: a contact of a customer (<c>addressId</c> = the customer id).</summary>
public sealed record SeedContactRequest
{
    public string? Id { get; init; }
    public long AddressId { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? EmailAddress { get; init; }
}

/// <summary>The body of <c>POST /_sim/items</c>: an <c>inv_mast</c> row; <c>invMastUid</c> omitted takes the next free uid.</summary>
public sealed record SeedItemRequest
{
    public int? InvMastUid { get; init; }
    public string? ItemId { get; init; }
    public string? ItemDesc { get; init; }
    public decimal Price1 { get; init; }
    public string DefaultSellingUnit { get; init; } = "EA";
    public string DeleteFlag { get; init; } = "N";

    public P21ItemRecord ToRecord() => new()
    {
        InvMastUid = InvMastUid ?? 0, ItemId = ItemId!, ItemDesc = ItemDesc ?? ItemId!, Price1 = Price1, DefaultSellingUnit = DefaultSellingUnit, DeleteFlag = DeleteFlag,
    };
}


/// <summary>The body of <c>PUT /_sim/gl/periods</c>: close (or with <see cref="Closed"/> false reopen) a period for posting.</summary>
public sealed record SetGlPeriodRequest
{
    /// <summary><c>yyyy-pp</c>: <c>year_for_period</c> and <c>period</c>, e.g. <c>2026-03</c>.</summary>
    public string? Period { get; init; }
    public bool Closed { get; init; } = true;
}
