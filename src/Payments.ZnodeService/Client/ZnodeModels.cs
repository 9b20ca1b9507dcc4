using System.Text.Json.Serialization;

namespace Payments.ZnodeService.Client;

// Znode's response and request models, as far as this service reads or writes them (docs/external-apis/znode.md#envelope). Every
// field is optional: an installation may ask for minified JSON, which drops nulls, zeros and false. Names are Znode's (PascalCase).

/// <summary><c>BaseResponse</c>: what every answer carries, also the 500s.</summary>
public class ZnodeResponse
{
    public int? ErrorCode { get; set; }
    public string? ErrorMessage { get; set; }
    public bool HasError { get; set; }
    public Dictionary<string, string?>? CustomModelState { get; set; }
}

public sealed class ZnodeOrderResponse : ZnodeResponse
{
    public ZnodeOrderModel? Order { get; set; }
}

public sealed class ZnodeOrderListResponse : ZnodeResponse
{
    public ZnodeOrderList? OrderList { get; set; }
    public int? PageIndex { get; set; }
    public int? PageSize { get; set; }
    public int? TotalPages { get; set; }
    public int? TotalResults { get; set; }
}

public sealed class ZnodeOrderList
{
    public List<ZnodeOrderModel>? Orders { get; set; }
}

public sealed class ZnodeTrueFalseResponse : ZnodeResponse
{
    public bool IsSuccess { get; set; }
}

public sealed class ZnodeOrderHistoryResponse : ZnodeResponse
{
    public ZnodeOrderHistoryModel? OrderHistory { get; set; }
}

public sealed class ZnodeOrderStateListResponse : ZnodeResponse
{
    public List<ZnodeOrderStateModel>? OrderStates { get; set; }
}

public sealed class ZnodeOrderStateModel
{
    public int OrderStateId { get; set; }
    public string? OrderStateName { get; set; }
    public bool IsOrderState { get; set; }
}

/// <summary><c>GET orders/getpaymentstatelist</c>: the rows of <c>ZnodeOmsPaymentState</c>.</summary>
public sealed class ZnodePaymentStateListResponse : ZnodeResponse
{
    public List<ZnodePaymentStateModel>? PaymentStateList { get; set; }
}

public sealed class ZnodePaymentStateModel
{
    public int OmsPaymentStateId { get; set; }
    public string? Name { get; set; }
}

/// <summary><c>OrderModel</c>: the fields the flow uses.</summary>
public sealed class ZnodeOrderModel
{
    public int OmsOrderId { get; set; }
    public int OmsOrderDetailsId { get; set; }
    public string? OrderNumber { get; set; }
    public int PortalId { get; set; }
    public int? UserId { get; set; }
    public string? Email { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? CurrencyCode { get; set; }
    public int OmsOrderStateId { get; set; }
    public string? OrderState { get; set; }
    public int? OmsPaymentStateId { get; set; }
    public string? PaymentStatus { get; set; }
    public string? PaymentType { get; set; }
    public string? TransactionId { get; set; }
    public string? TrackingNumber { get; set; }
    public decimal SubTotal { get; set; }
    public decimal TaxCost { get; set; }
    public decimal ShippingCost { get; set; }
    public decimal DiscountAmount { get; set; }
    public decimal Total { get; set; }
    /// <summary>Unzoned, on the installation's clock (<c>Znode:TimeZone</c>).</summary>
    public DateTime OrderDate { get; set; }
    public DateTime? OrderModifiedDate { get; set; }
    public ZnodeAddressModel? BillingAddress { get; set; }
    public ZnodeAddressModel? ShippingAddress { get; set; }
    public List<ZnodeOrderLineItemModel>? OrderLineItems { get; set; }
    /// <summary>Filled only when the read asks for <c>expand=znodeomshistories</c>.</summary>
    public ZnodeOrderHistoryList? OrderHistoryList { get; set; }
}

public sealed class ZnodeAddressModel
{
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? CompanyName { get; set; }
    public string? Address1 { get; set; }
    public string? Address2 { get; set; }
    public string? Address3 { get; set; }
    public string? CityName { get; set; }
    public string? StateName { get; set; }
    public string? StateCode { get; set; }
    public string? PostalCode { get; set; }
    public string? CountryName { get; set; }
    public string? CountryCode { get; set; }
    public string? PhoneNumber { get; set; }
    public string? EmailAddress { get; set; }
}

public sealed class ZnodeOrderLineItemModel
{
    public int OmsOrderLineItemsId { get; set; }
    public string? Sku { get; set; }
    public string? ProductName { get; set; }
    public decimal Quantity { get; set; }
    public decimal Price { get; set; }
}

public sealed class ZnodeOrderHistoryList
{
    public List<ZnodeOrderHistoryModel>? OrderHistoryList { get; set; }
}

/// <summary><c>OrderHistoryModel</c>: a row of an order's history, and the body of <c>orders/createorderhistory</c>.</summary>
public sealed class ZnodeOrderHistoryModel
{
    public int OmsHistoryId { get; set; }
    public int OmsOrderId { get; set; }
    public int? OmsOrderDetailsId { get; set; }
    public string? TransactionId { get; set; }
    public string? Message { get; set; }
    public string? Notes { get; set; }
    public string? UpdatedBy { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public decimal? OrderAmount { get; set; }
}

/// <summary><c>OrderStateParameterModel</c>: what <c>orders/updateorderstatus</c> reads (it overwrites the tracking number: send the current one).</summary>
public sealed class ZnodeOrderStateUpdate
{
    public int OmsOrderId { get; set; }
    public int OmsOrderDetailsId { get; set; }
    public int OmsOrderStateId { get; set; }
    public string? TrackingNumber { get; set; }
}

public sealed class ZnodeReturnResponse : ZnodeResponse
{
    public ZnodeReturnModel? Return { get; set; }
}

public sealed class ZnodeReturnListResponse : ZnodeResponse
{
    public ZnodeReturnList? ReturnList { get; set; }
    public int? TotalResults { get; set; }
}

/// <summary>The inner list of <c>rmareturn/list</c>; its property name is not public (docs/external-apis/znode.md#returns).</summary>
public sealed class ZnodeReturnList
{
    public List<ZnodeReturnModel>? Returns { get; set; }
}

public sealed class ZnodeReturnStateListResponse : ZnodeResponse
{
    public List<ZnodeReturnStateModel>? ReturnStates { get; set; }
}

public sealed class ZnodeReturnStateModel
{
    public int RmaReturnStateId { get; set; }
    public string? ReturnStateName { get; set; }
}

/// <summary><c>RMAReturnModel</c>: a return as Znode reads it, and the body of the admin's change (<c>IsAdminRequest</c>).</summary>
public sealed class ZnodeReturnModel
{
    public int RmaReturnDetailsId { get; set; }
    public string? ReturnNumber { get; set; }
    public int OmsOrderId { get; set; }
    public string? OrderNumber { get; set; }
    public int PortalId { get; set; }
    public int UserId { get; set; }
    public int RmaReturnStateId { get; set; }
    public string? ReturnStatus { get; set; }
    public string? EmailId { get; set; }
    public string? CurrencyCode { get; set; }
    public decimal TotalReturnAmount { get; set; }
    /// <summary>Unzoned, on the installation's clock (<c>Znode:TimeZone</c>). Not sent when null: Znode's model has non-nullable dates.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTime? ReturnDate { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTime? ModifiedDate { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Notes { get; set; }
    public bool IsAdminRequest { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<ZnodeReturnLineItemModel>? ReturnLineItems { get; set; }
    /// <summary>The return's notes as the simulator shows them (the shape is not public); read only to skip a note already written.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<ZnodeReturnNoteModel>? ReturnNotes { get; set; }
}

public sealed class ZnodeReturnLineItemModel
{
    public int OmsOrderLineItemsId { get; set; }
    public decimal ExpectedReturnQuantity { get; set; }
    public decimal? ReturnedQuantity { get; set; }
    public int RmaReturnStateId { get; set; }
    public decimal? RefundAmount { get; set; }
}

public sealed class ZnodeReturnNoteModel
{
    public string? Notes { get; set; }
}
