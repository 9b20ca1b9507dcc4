using System.Text.Json.Serialization;

namespace Payments.Simulators.Znode.Api;

// Znode's response models as its API serialises them (Newtonsoft defaults: PascalCase, every property, nulls included). Only the
// fields an integration reads are modelled; docs/external-apis/znode.md#envelope lists the rest. Property names are the wire names.

/// <summary><c>BaseModel</c>: present on every envelope and every model.</summary>
public abstract class ZnodeBaseModel
{
    public int CreatedBy { get; set; }
    public DateTime CreatedDate { get; set; }
    public int ModifiedBy { get; set; }
    public DateTime ModifiedDate { get; set; }
    public string? ActionMode { get; set; }
    public string? Custom1 { get; set; }
    public string? Custom2 { get; set; }
    public string? Custom3 { get; set; }
    public string? Custom4 { get; set; }
    public string? Custom5 { get; set; }
}

/// <summary><c>BaseResponse</c>: the error fields of every <c>*Response</c>.</summary>
public class ZnodeResponse : ZnodeBaseModel
{
    public int? ErrorCode { get; set; }
    public string? ErrorMessage { get; set; }
    public bool HasError { get; set; }
    public Dictionary<string, string>? CustomModelState { get; set; }
    public Dictionary<string, string>? ErrorDetailList { get; set; }
}

/// <summary><c>BaseListResponse</c>.</summary>
public class ZnodeListResponse : ZnodeResponse
{
    public int? PageIndex { get; set; }
    public int? PageSize { get; set; }
    public int? TotalPages { get; set; }
    public int? TotalResults { get; set; }
}

public sealed class OrderResponse : ZnodeResponse
{
    public OrderWire? Order { get; set; }
    public object? RefundPayment { get; set; }
}

public sealed class OrderListResponse : ZnodeListResponse
{
    public OrdersListWire? OrderList { get; set; }
    public object? OrderNotesList { get; set; }
}

public sealed class OrdersListWire : ZnodeBaseModel
{
    public List<OrderWire> Orders { get; set; } = [];
    public string? CustomerName { get; set; }
    public bool HasParentAccounts { get; set; }
    public int? PageIndex { get; set; }
    public int? PageSize { get; set; }
    public int? TotalPages { get; set; }
    public int? TotalResults { get; set; }
}

/// <summary><c>TrueFalseResponse</c>; <c>booleanModel</c> (camelCase on the wire) is filled by v2 actions only.</summary>
public sealed class TrueFalseResponse : ZnodeResponse
{
    public bool IsSuccess { get; set; }
    [JsonPropertyName("booleanModel")]
    public BooleanModelWire? BooleanModel { get; set; }
}

public sealed class BooleanModelWire
{
    public bool IsSuccess { get; set; }
    public string? ErrorMessage { get; set; }
    public bool HasError { get; set; }
}

public sealed class OrderHistoryResponse : ZnodeResponse
{
    public OrderHistoryWire? OrderHistory { get; set; }
}

public sealed class OrderPaymentStateResponse : ZnodeResponse
{
    public List<PaymentStateWire> PaymentStateList { get; set; } = [];
}

public sealed class OrderStateListResponse : ZnodeListResponse
{
    public List<OrderStateWire> OrderStates { get; set; } = [];
}

public sealed class PaymentStateWire
{
    public int OmsPaymentStateId { get; set; }
    public string Name { get; set; } = "";
    public string? Description { get; set; }
}

public sealed class OrderStateWire
{
    public int OrderStateId { get; set; }
    public string OrderStateName { get; set; } = "";
    public string? Description { get; set; }
    public bool IsEdit { get; set; }
    public bool IsOrderState { get; set; }
    public bool IsOrderLineItemState { get; set; }
}

/// <summary><c>OrderModel</c> (about 180 properties in Znode; these are the ones an integration uses).</summary>
public sealed class OrderWire : ZnodeBaseModel
{
    public int OmsOrderId { get; set; }
    public int OmsOrderDetailsId { get; set; }
    public string? OrderNumber { get; set; }
    public int PortalId { get; set; }
    public int UserId { get; set; }
    public string? UserName { get; set; }
    public string? Email { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? PhoneNumber { get; set; }
    public string? StoreName { get; set; }
    public string? CurrencyCode { get; set; }
    public string? CultureCode { get; set; }
    public int OmsOrderStateId { get; set; }
    public string? OrderState { get; set; }
    public int? OmsPaymentStateId { get; set; }
    public string? PaymentStatus { get; set; }
    public string? PaymentType { get; set; }
    public string? PaymentDisplayName { get; set; }
    public string? TransactionId { get; set; }
    public decimal SubTotal { get; set; }
    public decimal TaxCost { get; set; }
    public decimal ShippingCost { get; set; }
    public decimal DiscountAmount { get; set; }
    public decimal Total { get; set; }
    public DateTime OrderDate { get; set; }
    public DateTime OrderModifiedDate { get; set; }
    public DateTime? ShipDate { get; set; }
    public string? TrackingNumber { get; set; }
    public string? ExternalId { get; set; }
    public bool IsActive { get; set; } = true;
    public AddressWire? BillingAddress { get; set; }
    public AddressWire? ShippingAddress { get; set; }
    public List<OrderLineItemWire>? OrderLineItems { get; set; }
    public Dictionary<string, string> OrderHistory { get; set; } = [];
    public OrderHistoryListWire OrderHistoryList { get; set; } = new();
}

public sealed class AddressWire : ZnodeBaseModel
{
    public int AddressId { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? DisplayName { get; set; }
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
    public bool IsBilling { get; set; }
    public bool IsShipping { get; set; }
    public int UserId { get; set; }
    public int AccountId { get; set; }
    public bool IsDefaultBilling { get; set; }
    public bool IsDefaultShipping { get; set; }
    [JsonPropertyName("omsOrderId")]
    public int OmsOrderId { get; set; }
}

public sealed class OrderLineItemWire : ZnodeBaseModel
{
    public int OmsOrderLineItemsId { get; set; }
    public int OmsOrderDetailsId { get; set; }
    public string? Sku { get; set; }
    public string? ProductName { get; set; }
    public decimal Quantity { get; set; }
    public decimal Price { get; set; }
    public decimal Total { get; set; }
    public string? OrderLineItemState { get; set; }
    public bool IsActive { get; set; } = true;
}

/// <summary><c>OrderHistoryListModel</c>: filled only when the read asks for <c>expand=znodeomshistories</c>.</summary>
public sealed class OrderHistoryListWire
{
    public List<OrderHistoryWire> OrderHistoryList { get; set; } = [];
    public int? PageIndex { get; set; }
    public int? PageSize { get; set; }
    public int? TotalPages { get; set; }
    public int? TotalResults { get; set; }
}

/// <summary><c>OrderHistoryModel</c>: the body of <c>orders/createorderhistory</c> and a row of an order's history.</summary>
public sealed class OrderHistoryWire : ZnodeBaseModel
{
    public int OmsHistoryId { get; set; }
    public int OmsOrderId { get; set; }
    public int? OmsOrderDetailsId { get; set; }
    public int? OmsNotesId { get; set; }
    public string? TransactionId { get; set; }
    public string? Message { get; set; }
    public string? Notes { get; set; }
    public string? UpdatedBy { get; set; }
    public decimal? OrderAmount { get; set; }
    [JsonPropertyName("OMSQuoteId")]
    public int OmsQuoteId { get; set; }
}

/// <summary><c>OrderStateParameterModel</c>: the body of <c>orders/updateorderstatus</c> (only these three fields are used).</summary>
public sealed class OrderStateParameterWire
{
    public int OmsOrderId { get; set; }
    public int OmsOrderDetailsId { get; set; }
    public int OmsOrderStateId { get; set; }
    public string? TrackingNumber { get; set; }
}
