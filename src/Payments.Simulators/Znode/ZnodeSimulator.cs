using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Payments.Simulators.Shared.Faults;
using Payments.Simulators.Shared.Hosting;
using Payments.Simulators.Shared.Routing;
using Payments.Simulators.Znode.Api;
using Payments.Simulators.Znode.Control;
using Payments.Simulators.Znode.Resources;
using Payments.Simulators.Znode.Store;
using Payments.Simulators.Znode.Webhooks;

namespace Payments.Simulators.Znode;

/// <summary>
/// An HTTP stand-in for a Znode (Amla Commerce) API site (see Znode/README.md): Basic <c>domain|key</c> auth with
/// <c>Znode-DomainName</c>, the <c>*Response</c> envelope, Znode's status-code habits, the order reads and list grammar, the order,
/// payment-status, transaction-id and history writes, the state tables as data, an optional 429 mode and, in Znode 10 mode, a
/// webhook per placed order. Place orders as a shopper with <see cref="PlaceOrder"/> (or <c>POST /_sim/orders</c>); read what the
/// API changed in <see cref="Store"/> (or <c>GET /_sim/orders/{number}</c>).
/// </summary>
public sealed class ZnodeSimulator : Simulator
{
    ZnodeSimulator(ZnodeSimulatorOptions options, TimeProvider time) : base("Znode", time)
    {
        Options = options;
        Store = new ZnodeStore(options, time);
        Throttle = new ZnodeThrottle(time);
        Webhooks = new ZnodeWebhookSender(time);
        Webhooks.Configure(options.Webhook);
    }

    public ZnodeSimulatorOptions Options { get; }

    /// <summary>The orders, their history, the state tables and every change the API made.</summary>
    public ZnodeStore Store { get; }

    /// <summary>The optional 429 mode (off until <see cref="ZnodeThrottle.Start"/>).</summary>
    public ZnodeThrottle Throttle { get; }

    /// <summary>Znode 10's webhook deliveries (none unless <see cref="ZnodeSimulatorOptions.Webhook"/> or <see cref="ZnodeWebhookSender.Configure"/> names a URL).</summary>
    public ZnodeWebhookSender Webhooks { get; }

    /// <summary>The <c>Authorization</c> value a client must send: <c>Basic base64("{domain}|{key}")</c>.</summary>
    public string AuthorizationHeader => "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{Options.DomainName}|{Options.ApiKey}"));

    public static async Task<ZnodeSimulator> StartAsync(ZnodeSimulatorOptions? options = null, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        options ??= new ZnodeSimulatorOptions();
        var simulator = new ZnodeSimulator(options, time ?? TimeProvider.System);
        try
        {
            await simulator.ListenAsync(options.Host, options.Port, options.ConsoleLogging, cancellationToken);
        }
        catch
        {
            await simulator.Webhooks.DisposeAsync();
            throw;
        }
        return simulator;
    }

    /// <summary>Places an order as a shopper's checkout would (and announces it by webhook in Znode 10 mode).</summary>
    public ZnodeOrder PlaceOrder(ZnodeOrderSpec spec)
    {
        var order = Store.Place(spec);
        Webhooks.OrderPlaced(order, Store);
        return order;
    }

    /// <summary>
    /// A shopper's return of <paramref name="orderNumber"/>: the given lines (by sku and quantity) or every line whole; submitted
    /// (SUBMITTED) unless <paramref name="submit"/> is false. Znode's refusals throw <see cref="ZnodeReturnException"/>.
    /// </summary>
    public ZnodeReturn CreateReturn(string orderNumber, IReadOnlyList<(string Sku, decimal Quantity)>? lines = null, bool submit = true, string? notes = null)
    {
        var order = Store.FindOrder(orderNumber) ?? throw new ZnodeReturnException(301, $"Order {orderNumber} is not eligible for return: there is no such order.");
        var requested = lines is { Count: > 0 }
            ? lines.Select(l => new ZnodeReturnLineRequest(
                order.Lines.FirstOrDefault(o => string.Equals(o.Sku, l.Sku, StringComparison.OrdinalIgnoreCase))?.OmsOrderLineItemsId
                    ?? throw new ZnodeReturnException(5, $"Order {orderNumber} has no line {l.Sku}."), l.Quantity)).ToList()
            : order.Lines.Select(l => new ZnodeReturnLineRequest(l.OmsOrderLineItemsId, l.Quantity)).ToList();
        return Store.CreateReturn(order.OrderNumber, order.PortalId, order.UserId ?? 1, requested, submit, notes, "shopper");
    }

    /// <summary>
    /// Approves the return as an admin would: APPROVED for its whole amount, or PARTIALLY APPROVED for <paramref name="amount"/>
    /// when that is less; more than the return's amount, or not positive, is refused.
    /// </summary>
    public ZnodeReturn ApproveReturn(string returnNumber, decimal? amount = null, string? notes = null)
    {
        var existing = Store.FindReturn(returnNumber) ?? throw new ZnodeReturnException(5, $"Invalid return number '{returnNumber}'.");
        if (amount is { } asked && (asked <= 0 || asked > existing.TotalReturnAmount))
            throw new ZnodeReturnException(5, $"The approved amount must be more than 0 and at most the return's {existing.TotalReturnAmount:0.######}.");
        var partial = amount is { } part && part < existing.TotalReturnAmount;
        return Store.UpdateReturn(existing.ReturnNumber, partial ? ZnodeReturnStates.PartiallyApproved : ZnodeReturnStates.Approved, null,
            partial ? amount : null, notes, "admin");
    }

    /// <summary>A shopper registers: a user with its default billing address (see <see cref="ZnodeUserSpec"/>).</summary>
    public ZnodeUser CreateUser(ZnodeUserSpec spec) => Store.CreateUser(spec);

    /// <summary>A shopper or an admin changes the account in Znode (moves its <c>ModifiedDate</c>); null when there is no such user.</summary>
    public ZnodeUser? ChangeUser(int userId, Func<ZnodeUser, ZnodeUser> change) => Store.UpdateUser(userId, change);

    /// <summary>A shopper or an admin edits the default billing address (created when the user has none); null when there is no such user.</summary>
    public ZnodeUserAddress? ChangeBillingAddress(int userId, Func<ZnodeUserAddress, ZnodeUserAddress> change)
    {
        if (Store.FindUser(userId) is not { } user) return null;
        var current = user.Addresses.FirstOrDefault(a => a.IsDefaultBilling) ?? new ZnodeUserAddress { FirstName = user.FirstName, LastName = user.LastName };
        return Store.SaveAddress(userId, change(current) with { AddressId = current.AddressId, IsDefaultBilling = true });
    }

    /// <summary>The next <paramref name="times"/> calls of <paramref name="route"/> answer as Znode does a business error: 500, <c>HasError</c>, the code.</summary>
    public void FailNextWithBusinessError(string route, int errorCode, string message, int times = 1) =>
        Faults.FailNext(route, new Fault
        {
            Status = StatusCodes.Status500InternalServerError,
            Body = System.Text.Json.JsonSerializer.Serialize(new ZnodeResponse { HasError = true, ErrorCode = errorCode, ErrorMessage = message }, ZnodeHttp.Json),
        }, times);

    protected override void MapRoutes(SimulatorRouteBuilder routes) => routes.Add(
        new OrdersResource(Store, Options),
        new OrderUpdatesResource(Store),
        new ReturnsResource(Store),
        new UsersResource(Store),
        new StatesResource(Store.States));

    protected override void MapControl(SimulatorRouteBuilder control) => control.Add(new ZnodeControlApi(this));

    // Znode checks the domain and the key before any controller runs; the 429 mode stands in front of the API like a gateway would.
    protected override void UseBeforeFaults(IApplicationBuilder app)
    {
        app.Use(new ZnodeAuth(Options).InvokeAsync);
        app.Use(Throttle.InvokeAsync);
    }

    protected override Task WriteFailureAsync(HttpContext http, int status, string? message) => status switch
    {
        // Znode's 401 has an empty body; its 204 none at all.
        StatusCodes.Status401Unauthorized or StatusCodes.Status204NoContent => Empty(http, status),
        StatusCodes.Status503ServiceUnavailable => ZnodeHttp.WriteAsync(http, status, new ZnodeResponse { HasError = true, ErrorMessage = message ?? "Service Unavailable" }),
        _ => ZnodeHttp.WriteAsync(http, status, new ZnodeResponse { HasError = true, ErrorMessage = message ?? $"Injected error {status} from the Znode simulator." }),
    };

    static Task Empty(HttpContext http, int status)
    {
        http.Response.StatusCode = status;
        return Task.CompletedTask;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Webhooks.DisposeAsync();
    }
}
