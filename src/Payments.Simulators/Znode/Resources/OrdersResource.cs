using Microsoft.AspNetCore.Http;
using Payments.Simulators.Shared.Routing;
using Payments.Simulators.Znode.Api;
using Payments.Simulators.Znode.Store;

namespace Payments.Simulators.Znode.Resources;

/// <summary>
/// The order reads (docs/external-apis/znode.md#orders): <c>GET orders/{id}</c>, <c>orders/getbyordernumber/{n}</c>,
/// <c>v2/orders/{n}</c> (the full <c>OrderModel</c>, 204 when there is none) and <c>orders/list</c> with Znode's filter, sort and page
/// grammar (204 when nothing matches; default order <c>OmsOrderId</c> descending).
/// </summary>
sealed class OrdersResource(ZnodeStore store, ZnodeSimulatorOptions options) : ISimulatorResource
{
    /// <summary>The list's columns a filter or sort may name: the stored procedure's output (docs/external-apis/znode.md#orders-list).</summary>
    static readonly IReadOnlyDictionary<string, Func<OrderWire, object?>> ListColumns = new Dictionary<string, Func<OrderWire, object?>>(StringComparer.OrdinalIgnoreCase)
    {
        ["OmsOrderId"] = o => o.OmsOrderId,
        ["OrderNumber"] = o => o.OrderNumber,
        ["PortalId"] = o => o.PortalId,
        ["UserId"] = o => o.UserId,
        ["UserName"] = o => o.UserName,
        ["Email"] = o => o.Email,
        ["StoreName"] = o => o.StoreName,
        ["CurrencyCode"] = o => o.CurrencyCode,
        ["OmsOrderStateId"] = o => o.OmsOrderStateId,
        ["OrderState"] = o => o.OrderState,
        ["OmsPaymentStateId"] = o => o.OmsPaymentStateId,
        ["PaymentStatus"] = o => o.PaymentStatus,
        ["PaymentType"] = o => o.PaymentType,
        ["SubTotal"] = o => o.SubTotal,
        ["TaxCost"] = o => o.TaxCost,
        ["ShippingCost"] = o => o.ShippingCost,
        ["Total"] = o => o.Total,
        ["OrderDate"] = o => o.OrderDate,
        ["OrderModifiedDate"] = o => o.OrderModifiedDate,
        ["ExternalId"] = o => o.ExternalId,
    };

    public void Map(SimulatorRouteBuilder routes)
    {
        routes.Get("orders.list", "/orders/list", ListAsync);
        routes.Get("orders.get", "/orders/{orderId:int}", http => OneAsync(http, store.FindOrder(ZnodeHttp.IntRouteValue(http, "orderId"))));
        routes.Get("orders.getbyordernumber", "/orders/getbyordernumber/{orderNumber}", http => OneAsync(http, store.FindOrder((string)http.Request.RouteValues["orderNumber"]!)));
        routes.Get("v2.orders.get", "/v2/orders/{orderNumber}", http => OneAsync(http, store.FindOrder((string)http.Request.RouteValues["orderNumber"]!)));
    }

    Task OneAsync(HttpContext http, ZnodeOrder? order)
    {
        if (order is null) return ZnodeHttp.NoContentAsync(http);
        var expand = http.Request.Query["expand"].ToString();
        var withHistory = expand.Split(',', StringSplitOptions.TrimEntries).Contains("znodeomshistories", StringComparer.OrdinalIgnoreCase);
        return ZnodeHttp.OkAsync(http, new OrderResponse { Order = OrderWireMapping.Full(order, store, options.StoreName, withHistory) });
    }

    Task ListAsync(HttpContext http)
    {
        var query = http.Request.Query;
        IReadOnlyList<OrderWire> page;
        int total;
        ZnodeListQuery list;
        try
        {
            list = ZnodeListQuery.Parse(query["filter"], query["sort"], query["page"]);
            (page, total) = list.Apply(store.Orders.Select(o => OrderWireMapping.Row(o, store, options.StoreName)), ListColumns, ("OmsOrderId", true));
        }
        catch (ZnodeQueryException e)
        {
            return ZnodeHttp.UnexpectedErrorAsync(http, e.Message);
        }
        if (page.Count == 0) return ZnodeHttp.NoContentAsync(http);
        var pages = list.PageSize is { } size ? (total + size - 1) / size : 1;
        return ZnodeHttp.OkAsync(http, new OrderListResponse
        {
            OrderList = new OrdersListWire { Orders = [.. page], PageIndex = list.PageIndex, PageSize = list.PageSize, TotalPages = pages, TotalResults = total },
            PageIndex = list.PageIndex,
            PageSize = list.PageSize,
            TotalPages = pages,
            TotalResults = total,
        });
    }
}
