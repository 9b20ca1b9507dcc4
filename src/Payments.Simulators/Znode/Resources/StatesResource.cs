using Payments.Simulators.Shared.Routing;
using Payments.Simulators.Znode.Api;
using Payments.Simulators.Znode.Store;

namespace Payments.Simulators.Znode.Resources;

/// <summary>The state tables: <c>GET orders/getpaymentstatelist</c> and <c>GET orderstate/list</c> (docs/external-apis/znode.md#payment-states).</summary>
sealed class StatesResource(ZnodeStates states) : ISimulatorResource
{
    public void Map(SimulatorRouteBuilder routes)
    {
        routes.Get("orders.getpaymentstatelist", "/orders/getpaymentstatelist", http => ZnodeHttp.OkAsync(http, new OrderPaymentStateResponse
        {
            PaymentStateList = [.. states.PaymentStates.Select(s => new PaymentStateWire { OmsPaymentStateId = s.Id, Name = ZnodeStates.ProperCase(s.Name), Description = ZnodeStates.ProperCase(s.Name) })],
        }));
        routes.Get("orderstate.list", "/orderstate/list", http => ZnodeHttp.OkAsync(http, new OrderStateListResponse
        {
            OrderStates = [.. states.OrderStates.Select(s => new OrderStateWire
            {
                OrderStateId = s.Id, OrderStateName = s.Name, Description = ZnodeStates.ProperCase(s.Name), IsOrderState = s.IsOrderState, IsOrderLineItemState = true, IsEdit = true,
            })],
            TotalResults = states.OrderStates.Count,
        }));
    }
}
