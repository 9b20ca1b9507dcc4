using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Payments.Simulators.Shared.Routing;
using Payments.Simulators.Znode.Api;
using Payments.Simulators.Znode.Store;

namespace Payments.Simulators.Znode.Resources;

/// <summary>
/// The order writes an integration makes (docs/external-apis/znode.md#order-updates): order state by id, payment state by name
/// (a GET that writes) or by id (v2), the transaction id (a GET too), and history rows. Their answers follow Znode's order service:
/// 200 <c>IsSuccess:false</c> when the order is not there, 500 with an error code for a bad id or an unknown payment state, 500
/// without one for what Znode's service throws as a plain exception.
/// </summary>
sealed class OrderUpdatesResource(ZnodeStore store) : ISimulatorResource
{
    public void Map(SimulatorRouteBuilder routes)
    {
        routes.Put("orders.updateorderstatus", "/orders/updateorderstatus", UpdateOrderStatusAsync).WithMetadata(ZnodeWrite.Instance);
        routes.Get("orders.updateorderpaymentstatus", "/orders/updateorderpaymentstatus/{orderId}/{paymentStatus}", UpdatePaymentStatusAsync).WithMetadata(ZnodeWrite.Instance);
        routes.Put("v2.orders.updatepaymentstatus", "/v2/orders/updatepaymentstatus/{omsOrderId:int}/{paymentStateId:int}", UpdatePaymentStatusByIdAsync).WithMetadata(ZnodeWrite.Instance);
        routes.Get("orders.updateordertransactionid", "/orders/updateordertransactionid/{orderId}/{transactionId}", UpdateTransactionIdAsync).WithMetadata(ZnodeWrite.Instance);
        routes.Post("orders.createorderhistory", "/orders/createorderhistory", CreateHistoryAsync).WithMetadata(ZnodeWrite.Instance);
    }

    static string RouteName(HttpContext http) => http.GetEndpoint()?.Metadata.GetMetadata<SimulatorRoute>()?.Name ?? "api";

    async Task UpdateOrderStatusAsync(HttpContext http)
    {
        var model = await ZnodeHttp.ReadAsync<OrderStateParameterWire>(http);
        // OrderService.IsValidOrder throws plain exceptions: 500 without an error code.
        if (model is null)
        {
            await ZnodeHttp.UnexpectedErrorAsync(http, "Order model cannot be null.");
            return;
        }
        if (model.OmsOrderId < 1)
        {
            await ZnodeHttp.UnexpectedErrorAsync(http, "Order ID cannot be less than 1.");
            return;
        }
        if (model.OmsOrderStateId < 1)
        {
            await ZnodeHttp.UnexpectedErrorAsync(http, "Invalid order status.");
            return;
        }
        if (store.States.OrderState(model.OmsOrderStateId) is null && store.FindOrder(model.OmsOrderId) is not null)
        {
            // Any id is accepted (no transition rules), but it must be a row of ZnodeOmsOrderState.
            await ZnodeHttp.UnexpectedErrorAsync(http, "The UPDATE statement conflicted with the FOREIGN KEY constraint \"FK_ZnodeOmsOrderDetails_ZnodeOmsOrderState\".");
            return;
        }
        await ZnodeHttp.OkAsync(http, new TrueFalseResponse { IsSuccess = store.SetOrderState(model.OmsOrderId, model.OmsOrderStateId, model.TrackingNumber, RouteName(http)) });
    }

    Task UpdatePaymentStatusAsync(HttpContext http)
    {
        var orderId = ZnodeHttp.IntRouteValue(http, "orderId");
        var name = (string)http.Request.RouteValues["paymentStatus"]!;
        if (orderId < 1) return ZnodeHttp.BusinessErrorAsync(http, ZnodeHttp.ErrorCodes.IdLessThanOne, "Order ID cannot be less than 1.");
        if (store.States.PaymentState(name) is not { } state)
            return ZnodeHttp.BusinessErrorAsync(http, ZnodeHttp.ErrorCodes.InvalidData, $"Invalid payment state '{name}'.");
        return ZnodeHttp.OkAsync(http, new TrueFalseResponse { IsSuccess = store.SetPaymentState(orderId, state.Id, RouteName(http)) });
    }

    Task UpdatePaymentStatusByIdAsync(HttpContext http)
    {
        var orderId = ZnodeHttp.IntRouteValue(http, "omsOrderId");
        var stateId = ZnodeHttp.IntRouteValue(http, "paymentStateId");
        var success = store.States.PaymentState(stateId) is not null && store.SetPaymentState(orderId, stateId, RouteName(http));
        return ZnodeHttp.OkAsync(http, new TrueFalseResponse
        {
            IsSuccess = success,
            BooleanModel = new BooleanModelWire { IsSuccess = success, ErrorMessage = success ? "" : "Payment status was not updated." },
        });
    }

    Task UpdateTransactionIdAsync(HttpContext http)
    {
        var orderId = ZnodeHttp.IntRouteValue(http, "orderId");
        var transactionId = (string)http.Request.RouteValues["transactionId"]!;
        if (orderId < 1) return ZnodeHttp.BusinessErrorAsync(http, ZnodeHttp.ErrorCodes.IdLessThanOne, "Order ID cannot be less than 1.");
        if (string.IsNullOrWhiteSpace(transactionId)) return ZnodeHttp.BusinessErrorAsync(http, ZnodeHttp.ErrorCodes.InvalidData, "Transaction ID cannot be empty.");
        return ZnodeHttp.OkAsync(http, new TrueFalseResponse { IsSuccess = store.SetTransactionId(orderId, transactionId, RouteName(http)) });
    }

    async Task CreateHistoryAsync(HttpContext http)
    {
        var model = await ZnodeHttp.ReadAsync<OrderHistoryWire>(http);
        if (model is null)
        {
            await ZnodeHttp.BusinessErrorAsync(http, ZnodeHttp.ErrorCodes.NullModel, "Order history model cannot be null.");
            return;
        }
        var entry = store.AddHistory(model.OmsOrderDetailsId, model.OmsOrderId, (id, now) => new ZnodeHistoryEntry
        {
            OmsHistoryId = id,
            TransactionId = model.TransactionId,
            Message = model.Message,
            Notes = model.Notes,
            UpdatedBy = model.UpdatedBy,
            // Znode stores a zero amount as NULL.
            OrderAmount = model.OrderAmount is 0 ? null : model.OrderAmount,
            CreatedDate = now,
        }, RouteName(http));
        if (entry is null)
        {
            // The row's foreign key to the order detail fails in SQL: a plain exception.
            await ZnodeHttp.UnexpectedErrorAsync(http, "The INSERT statement conflicted with the FOREIGN KEY constraint \"FK_ZnodeOmsHistory_ZnodeOmsOrderDetails\".");
            return;
        }
        var order = store.FindOrderByDetailsId(entry.OmsOrderDetailsId ?? 0)!;
        await ZnodeHttp.CreatedAsync(http, new OrderHistoryResponse { OrderHistory = OrderWireMapping.History(entry, order.OmsOrderId) });
    }
}
