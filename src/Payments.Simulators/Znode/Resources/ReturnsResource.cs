using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Payments.Simulators.Shared.Routing;
using Payments.Simulators.Znode.Api;
using Payments.Simulators.Znode.Store;

namespace Payments.Simulators.Znode.Resources;

/// <summary>
/// RMA returns (docs/external-apis/znode.md#returns): <c>saveorderreturn</c> (NOT SUBMITTED) and <c>submitorderreturn</c> (SUBMITTED)
/// answer 201 <c>{"Return":…}</c>; the same POST with <c>IsAdminRequest</c> is the admin's state change; a missing body or order
/// number is a model-state 400; Znode's refusals are 500 with their error code (301: the order is not eligible). The reads:
/// <c>getreturndetails/{n}</c> (204 when none), <c>list</c> with the order list's grammar (204 when empty), the state table;
/// notes through <c>savereturnnotes</c>.
/// </summary>
sealed class ReturnsResource(ZnodeStore store) : ISimulatorResource
{
    /// <summary>The columns a filter or sort on <c>rmareturn/list</c> may name.</summary>
    static readonly IReadOnlyDictionary<string, Func<RmaReturnWire, object?>> ListColumns = new Dictionary<string, Func<RmaReturnWire, object?>>(StringComparer.OrdinalIgnoreCase)
    {
        ["RmaReturnDetailsId"] = r => r.RmaReturnDetailsId,
        ["ReturnNumber"] = r => r.ReturnNumber,
        ["OrderNumber"] = r => r.OrderNumber,
        ["OmsOrderId"] = r => r.OmsOrderId,
        ["PortalId"] = r => r.PortalId,
        ["UserId"] = r => r.UserId,
        ["EmailId"] = r => r.EmailId,
        ["RmaReturnStateId"] = r => r.RmaReturnStateId,
        ["ReturnStatus"] = r => r.ReturnStatus,
        ["CurrencyCode"] = r => r.CurrencyCode,
        ["TotalReturnAmount"] = r => r.TotalReturnAmount,
        ["ReturnDate"] = r => r.ReturnDate,
        ["ModifiedDate"] = r => r.ModifiedDate,
    };

    public void Map(SimulatorRouteBuilder routes)
    {
        routes.Post("rmareturn.saveorderreturn", "/rmareturn/saveorderreturn", http => SaveAsync(http, submit: false)).WithMetadata(ZnodeWrite.Instance);
        routes.Post("rmareturn.submitorderreturn", "/rmareturn/submitorderreturn", http => SaveAsync(http, submit: true)).WithMetadata(ZnodeWrite.Instance);
        routes.Post("rmareturn.savereturnnotes", "/rmareturn/savereturnnotes", SaveNoteAsync).WithMetadata(ZnodeWrite.Instance);
        routes.Get("rmareturn.getreturndetails", "/rmareturn/getreturndetails/{returnNumber}", OneAsync);
        routes.Get("rmareturn.getreturndetailsforadmin", "/rmareturn/getreturndetailsforadmin/{returnNumber}", OneAsync);
        routes.Get("rmareturn.list", "/rmareturn/list", ListAsync);
        routes.Get("rmareturn.getreturnstatuslist", "/rmareturn/getreturnstatuslist", http => ZnodeHttp.OkAsync(http, new RmaReturnStateListResponse
        {
            ReturnStates = [.. store.ReturnStates.Select((s, i) => new RmaReturnStateWire
            {
                RmaReturnStateId = s.Id, ReturnStateName = ZnodeStates.ProperCase(s.Name), Description = ZnodeStates.ProperCase(s.Name), DisplayOrder = i + 1,
            })],
        }));
    }

    static string RouteName(HttpContext http) => http.GetEndpoint()?.Metadata.GetMetadata<SimulatorRoute>()?.Name ?? "api";

    async Task SaveAsync(HttpContext http, bool submit)
    {
        var model = await ZnodeHttp.ReadAsync<RmaReturnWire>(http);
        // [ValidateModel]: a null model, or a missing [Required] OrderNumber, never reaches the service.
        if (model is null || model.OrderNumber is null)
        {
            await ZnodeHttp.WriteAsync(http, StatusCodes.Status400BadRequest, new ZnodeResponse
            {
                HasError = true,
                ErrorMessage = "",
                CustomModelState = new() { [model is null ? "model" : "model.OrderNumber"] = model is null ? "The request is invalid." : "The OrderNumber field is required." },
            });
            return;
        }
        ZnodeReturn saved;
        try
        {
            saved = model.IsAdminRequest
                ? store.UpdateReturn(model.ReturnNumber, model.RmaReturnStateId,
                    model.ReturnLineItems?.Select(l => new ZnodeReturnLineDecision(l.OmsOrderLineItemsId, l.RmaReturnStateId, l.ReturnedQuantity, l.RefundAmount)).ToList(),
                    null, model.Notes, RouteName(http))
                : store.CreateReturn(model.OrderNumber, model.PortalId, model.UserId,
                    model.ReturnLineItems?.Select(l => new ZnodeReturnLineRequest(l.OmsOrderLineItemsId, l.ExpectedReturnQuantity, l.RmaReasonForReturnId)).ToList(),
                    submit, model.Notes, RouteName(http));
        }
        catch (ZnodeReturnException e)
        {
            await ZnodeHttp.BusinessErrorAsync(http, e.ErrorCode, e.Message);
            return;
        }
        await ZnodeHttp.CreatedAsync(http, new RmaReturnResponse { Return = ReturnWireMapping.Full(saved, store) });
    }

    async Task SaveNoteAsync(HttpContext http)
    {
        var model = await ZnodeHttp.ReadAsync<RmaReturnNoteWire>(http);
        if (model is null || string.IsNullOrWhiteSpace(model.Notes))
        {
            await ZnodeHttp.BusinessErrorAsync(http, ZnodeHttp.ErrorCodes.NullModel, "Return notes cannot be empty.");
            return;
        }
        var saved = store.AddReturnNote(model.RmaReturnDetailsId, model.ReturnNumber, model.Notes, model.CreatedByName, RouteName(http));
        await ZnodeHttp.OkAsync(http, new TrueFalseResponse { IsSuccess = saved is not null });
    }

    Task OneAsync(HttpContext http) =>
        store.FindReturn((string)http.Request.RouteValues["returnNumber"]!) is { } found
            ? ZnodeHttp.OkAsync(http, new RmaReturnResponse { Return = ReturnWireMapping.Full(found, store) })
            : ZnodeHttp.NoContentAsync(http);

    Task ListAsync(HttpContext http)
    {
        var query = http.Request.Query;
        IReadOnlyList<RmaReturnWire> page;
        int total;
        ZnodeListQuery list;
        try
        {
            list = ZnodeListQuery.Parse(query["filter"], query["sort"], query["page"]);
            (page, total) = list.Apply(store.Returns.Select(r => ReturnWireMapping.Row(r, store)), ListColumns, ("RmaReturnDetailsId", true));
        }
        catch (ZnodeQueryException e)
        {
            return ZnodeHttp.UnexpectedErrorAsync(http, e.Message);
        }
        if (page.Count == 0) return ZnodeHttp.NoContentAsync(http);
        var pages = list.PageSize is { } size ? (total + size - 1) / size : 1;
        return ZnodeHttp.OkAsync(http, new RmaReturnListResponse
        {
            ReturnList = new RmaReturnListWire { Returns = [.. page], PageIndex = list.PageIndex, PageSize = list.PageSize, TotalPages = pages, TotalResults = total },
            PageIndex = list.PageIndex,
            PageSize = list.PageSize,
            TotalPages = pages,
            TotalResults = total,
        });
    }
}
