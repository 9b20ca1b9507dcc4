using System.Xml.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Payments.Simulators.P21.Auth;
using Payments.Simulators.P21.Faults;
using Payments.Simulators.Shared.Routing;

namespace Payments.Simulators.P21.Resources;

/// <summary>
/// <c>GET /api/ui/router/v1/?urlType=external</c>: names the UI server (<c>{"Url": "&lt;base&gt;/uiserver0"}</c>, XML without a JSON
/// Accept). The no-slash form is redirected before the API sees it (see <see cref="RedirectNoSlashForm"/>).
/// </summary>
sealed class RouterResource(Func<string> uiServerUrl) : ISimulatorResource
{
    public const string Path = "/api/ui/router/v1";

    public void Map(SimulatorRouteBuilder routes) =>
        routes.Get(nameof(P21Route.Router), Path + "/", WriteAsync).WithMetadata(P21BearerToken.Required);

    /// <summary>
    /// As P21: the no-slash form answers 307 to the slash form whatever the token, and .NET drops Authorization when it follows the
    /// redirect (P21/README.md, Surface). Runs before faults and the token check, as the web server does it before the API.
    /// </summary>
    public static async Task RedirectNoSlashForm(HttpContext http, RequestDelegate next)
    {
        if (HttpMethods.IsGet(http.Request.Method) && http.Request.Path.Value == Path)
        {
            http.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
            http.Response.Headers.Location = Path + "/" + http.Request.QueryString;
            return;
        }
        await next(http);
    }

    async Task WriteAsync(HttpContext http)
    {
        if (P21Http.AcceptsJson(http))
        {
            await http.Response.WriteAsJsonAsync(new Dictionary<string, string> { ["Url"] = uiServerUrl() }, P21Http.Json);
            return;
        }
        http.Response.ContentType = "application/xml; charset=utf-8";
        await http.Response.WriteAsync(new XElement("Router", new XElement("Url", uiServerUrl())).ToString(SaveOptions.DisableFormatting));
    }
}
