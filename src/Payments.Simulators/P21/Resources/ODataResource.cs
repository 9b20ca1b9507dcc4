using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Payments.Simulators.P21.Auth;
using Payments.Simulators.P21.Faults;
using Payments.Simulators.P21.OData;
using Payments.Simulators.P21.Store;
using Payments.Simulators.Shared.Routing;

namespace Payments.Simulators.P21.Resources;

/// <summary><c>GET /odataservice/odata/table/{table}</c>: OData v4 over the store's tables (<see cref="ODataTables"/>, <see cref="ODataQuery"/>).</summary>
sealed class ODataResource(P21Store store, Func<string> baseUrl) : ISimulatorResource
{
    public void Map(SimulatorRouteBuilder routes) =>
        routes.Get(nameof(P21Route.OData), "/odataservice/odata/table/{**table}", QueryAsync).WithMetadata(P21BearerToken.Required);

    async Task QueryAsync(HttpContext http)
    {
        try
        {
            var name = ((string?)http.GetRouteValue("table") ?? "").TrimEnd('/');
            // Unknown table (or a view name on the table path): empty-body 404.
            if (!ODataTables.All.TryGetValue(name, out var table)) throw ODataException.NotFound();
            await ODataQuery.WriteAsync(http, table, store, baseUrl());
        }
        catch (ODataException e)
        {
            http.Response.StatusCode = e.StatusCode;
            if (e.ODataMessage is not null)
                await http.Response.WriteAsJsonAsync(new { error = new { code = "", message = e.ODataMessage } });
        }
    }
}
