using Microsoft.AspNetCore.Http;
using Payments.Simulators.Shared.Control;
using Payments.Simulators.Shared.Routing;
using Payments.Simulators.Znode.Store;
using Payments.Simulators.Znode.Webhooks;

namespace Payments.Simulators.Znode.Control;

/// <summary>
/// The Znode simulator's own control routes under <c>/_sim</c>: place orders as a shopper would, read orders with their history and
/// every change the API made (in order), the state tables, the 429 mode and the webhook deliveries. Faults, outages and calls are
/// the shared part (<see cref="SimulatorControlApi"/>).
/// </summary>
sealed class ZnodeControlApi(ZnodeSimulator simulator) : ISimulatorResource
{
    ZnodeStore Store => simulator.Store;

    public void Map(SimulatorRouteBuilder routes)
    {
        routes.Post("orders.place", "/orders", PlaceAsync);
        routes.Get("orders.list", "/orders", http => ControlJson.WriteAsync(http, Store.Orders.Select(o => ZnodeOrderView.Of(o, Store)).ToList()));
        routes.Get("orders.get", "/orders/{orderNumber}", http =>
            Store.FindOrder((string)http.Request.RouteValues["orderNumber"]!) is { } order
                ? ControlJson.WriteAsync(http, ZnodeOrderView.Of(order, Store))
                : ControlJson.ErrorAsync(http, StatusCodes.Status404NotFound, "No such order."));
        routes.Get("changes.list", "/changes", ListChanges);
        routes.Post("returns.create", "/returns", CreateReturnAsync);
        routes.Get("returns.list", "/returns", http => ControlJson.WriteAsync(http, Store.Returns.Select(r => ZnodeReturnView.Of(r, Store)).ToList()));
        routes.Get("returns.get", "/returns/{returnNumber}", http =>
            Store.FindReturn((string)http.Request.RouteValues["returnNumber"]!) is { } found
                ? ControlJson.WriteAsync(http, ZnodeReturnView.Of(found, Store))
                : ControlJson.ErrorAsync(http, StatusCodes.Status404NotFound, "No such return."));
        routes.Post("returns.approve", "/returns/{returnNumber}/approve", ApproveReturnAsync);
        routes.Post("users.create", "/users", CreateUserAsync);
        routes.Get("users.list", "/users", http => ControlJson.WriteAsync(http, Store.Users));
        routes.Get("users.get", "/users/{userId:int}", http =>
            Store.FindUser(int.Parse((string)http.Request.RouteValues["userId"]!, System.Globalization.CultureInfo.InvariantCulture)) is { } user
                ? ControlJson.WriteAsync(http, user)
                : ControlJson.ErrorAsync(http, StatusCodes.Status404NotFound, "No such user."));
        routes.Map("users.change", HttpMethods.Patch, "/users/{userId:int}", ChangeUserAsync);
        routes.Get("states.list", "/states", http => ControlJson.WriteAsync(http, new { orderStates = Store.States.OrderStates, paymentStates = Store.States.PaymentStates }));
        routes.Get("throttle.show", "/throttle", ShowThrottle);
        routes.Post("throttle.start", "/throttle", StartThrottle);
        routes.Delete("throttle.stop", "/throttle", http =>
        {
            simulator.Throttle.Stop();
            http.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        });
        routes.Get("webhooks.list", "/webhooks", http => ControlJson.WriteAsync(http, new { endpoint = simulator.Webhooks.Options, deliveries = simulator.Webhooks.Deliveries }));
        routes.Put("webhooks.configure", "/webhooks", ConfigureWebhooks);
        routes.Post("webhooks.resend", "/webhooks/{eventId}/resend", http =>
            simulator.Webhooks.Resend((string)http.Request.RouteValues["eventId"]!)
                ? ControlJson.WriteAsync(http, new { resent = true }, StatusCodes.Status202Accepted)
                : ControlJson.ErrorAsync(http, StatusCodes.Status404NotFound, "No such event, or no webhook URL configured."));
    }

    async Task PlaceAsync(HttpContext http)
    {
        if (await ControlJson.ReadAsync<PlaceOrderRequest>(http) is not { } request) return;
        if (request.Lines?.Any(l => string.IsNullOrWhiteSpace(l.Sku)) == true)
        {
            await ControlJson.ErrorAsync(http, StatusCodes.Status400BadRequest, "Every line needs a sku.");
            return;
        }
        ZnodeOrder order;
        try
        {
            order = simulator.PlaceOrder(request.ToSpec());
        }
        catch (ArgumentException e)
        {
            await ControlJson.ErrorAsync(http, StatusCodes.Status400BadRequest, e.Message);
            return;
        }
        await ControlJson.WriteAsync(http, ZnodeOrderView.Of(order, Store), StatusCodes.Status201Created);
    }

    async Task CreateUserAsync(HttpContext http)
    {
        if (await ControlJson.ReadAsync<UserRequest>(http) is not { } request) return;
        var defaults = new ZnodeUserSpec();
        var user = simulator.CreateUser(new ZnodeUserSpec
        {
            Email = request.Email ?? defaults.Email, FirstName = request.FirstName ?? defaults.FirstName, LastName = request.LastName ?? defaults.LastName,
            PhoneNumber = request.PhoneNumber, CompanyName = request.CompanyName,
            BillingAddress = request.BillingAddress?.ApplyTo(new ZnodeUserAddress { FirstName = request.FirstName, LastName = request.LastName }),
        });
        await ControlJson.WriteAsync(http, user, StatusCodes.Status201Created);
    }

    async Task ChangeUserAsync(HttpContext http)
    {
        if (await ControlJson.ReadAsync<UserRequest>(http) is not { } request) return;
        var userId = int.Parse((string)http.Request.RouteValues["userId"]!, System.Globalization.CultureInfo.InvariantCulture);
        if (Store.FindUser(userId) is null)
        {
            await ControlJson.ErrorAsync(http, StatusCodes.Status404NotFound, "No such user.");
            return;
        }
        if (request is not { Email: null, FirstName: null, LastName: null, PhoneNumber: null, CompanyName: null })
            simulator.ChangeUser(userId, u => u with
            {
                Email = request.Email ?? u.Email,
                FirstName = request.FirstName ?? u.FirstName,
                LastName = request.LastName ?? u.LastName,
                PhoneNumber = request.PhoneNumber ?? u.PhoneNumber,
                CompanyName = request.CompanyName ?? u.CompanyName,
            });
        if (request.BillingAddress is { } address) simulator.ChangeBillingAddress(userId, address.ApplyTo);
        await ControlJson.WriteAsync(http, Store.FindUser(userId));
    }

    async Task CreateReturnAsync(HttpContext http)
    {
        if (await ControlJson.ReadAsync<CreateReturnRequest>(http) is not { } request) return;
        try
        {
            var created = simulator.CreateReturn(request.OrderNumber, request.Lines?.Select(l => (l.Sku, l.Quantity)).ToList(), request.Submit, request.Notes);
            await ControlJson.WriteAsync(http, ZnodeReturnView.Of(created, Store), StatusCodes.Status201Created);
        }
        catch (ZnodeReturnException e)
        {
            await ControlJson.ErrorAsync(http, StatusCodes.Status400BadRequest, $"{e.Message} (Znode ErrorCode {e.ErrorCode})");
        }
    }

    async Task ApproveReturnAsync(HttpContext http)
    {
        var request = ControlJson.HasBody(http) ? await ControlJson.ReadAsync<ApproveReturnRequest>(http) : new ApproveReturnRequest();
        if (request is null) return;
        try
        {
            var approved = simulator.ApproveReturn((string)http.Request.RouteValues["returnNumber"]!, request.Amount, request.Notes);
            await ControlJson.WriteAsync(http, ZnodeReturnView.Of(approved, Store));
        }
        catch (ZnodeReturnException e)
        {
            await ControlJson.ErrorAsync(http, StatusCodes.Status400BadRequest, $"{e.Message} (Znode ErrorCode {e.ErrorCode})");
        }
    }

    Task ListChanges(HttpContext http)
    {
        var since = http.Request.Query["since"].FirstOrDefault();
        if (!long.TryParse(since ?? "0", System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var after))
            return ControlJson.ErrorAsync(http, StatusCodes.Status400BadRequest, "since must be a whole number.");
        IEnumerable<ZnodeOrderChange> changes = Store.ChangesSince(after);
        if (http.Request.Query["orderNumber"].FirstOrDefault() is { Length: > 0 } number)
            changes = changes.Where(c => string.Equals(c.OrderNumber, number, StringComparison.OrdinalIgnoreCase));
        return ControlJson.WriteAsync(http, changes.ToList());
    }

    Task ShowThrottle(HttpContext http) => ControlJson.WriteAsync(http, ThrottleView());

    object ThrottleView()
    {
        var throttle = simulator.Throttle;
        return new
        {
            enabled = throttle.PermitLimit is not null,
            permitLimit = throttle.PermitLimit,
            windowMs = (int)throttle.Window.TotalMilliseconds,
            admitted = throttle.Admitted,
            throttled = throttle.Throttled,
        };
    }

    async Task StartThrottle(HttpContext http)
    {
        if (await ControlJson.ReadAsync<ThrottleRequest>(http) is not { } request) return;
        if (request.PermitLimit < 1 || request.WindowMs < 1)
        {
            await ControlJson.ErrorAsync(http, StatusCodes.Status400BadRequest, "permitLimit and windowMs must be at least 1.");
            return;
        }
        simulator.Throttle.Start(request.PermitLimit, TimeSpan.FromMilliseconds(request.WindowMs));
        await ControlJson.WriteAsync(http, ThrottleView(), StatusCodes.Status201Created);
    }

    async Task ConfigureWebhooks(HttpContext http)
    {
        if (await ControlJson.ReadAsync<ZnodeWebhookOptions>(http) is not { } request) return;
        if (!Uri.TryCreate(request.Url, UriKind.Absolute, out _))
        {
            await ControlJson.ErrorAsync(http, StatusCodes.Status400BadRequest, "url must be an absolute URL.");
            return;
        }
        simulator.Webhooks.Configure(request);
        await ControlJson.WriteAsync(http, new { endpoint = simulator.Webhooks.Options });
    }
}
