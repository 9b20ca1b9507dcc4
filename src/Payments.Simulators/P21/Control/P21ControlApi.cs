using Microsoft.AspNetCore.Http;
using Payments.Simulators.P21.Pool;
using Payments.Simulators.P21.Store;
using Payments.Simulators.Shared.Control;
using Payments.Simulators.Shared.Routing;

namespace Payments.Simulators.P21.Control;

/// <summary>
/// The P21 simulator's own control routes under <c>/_sim</c>: read the store (orders with lines, RMAs with lines, orders on hold, customers with their current fields and notes, contacts, items) and seed
/// customers, contacts and items; show, resize and occupy the session pool. Faults, outages, calls and token expiry are the shared
/// part (<see cref="SimulatorControlApi"/>).
/// </summary>
sealed class P21ControlApi(P21Store store, P21SessionPool pool, P21SimulatorOptions options, TimeProvider time) : ISimulatorResource
{
    public void Map(SimulatorRouteBuilder routes)
    {
        routes.Get("orders.list", "/orders", ListOrders);
        routes.Get("orders.get", "/orders/{orderNo}", http => OneAsync(http, store.FindOrder((string)http.GetRouteValue("orderNo")!), "order"));
        routes.Get("rmas.list", "/rmas", http => ControlJson.WriteAsync(http, store.Rmas));
        routes.Get("rmas.get", "/rmas/{orderNo}", http => OneAsync(http, store.FindOrder((string)http.GetRouteValue("orderNo")!) is { RmaFlag: "Y" } rma ? rma : null, "RMA"));
        routes.Get("holds.list", "/holds", http => ControlJson.WriteAsync(http, store.Holds.Select(o => new
        {
            o.OrderNo, o.CustomerId, o.Approved, o.OrderHoldClassId, o.WebReferenceNo, o.PoNo, o.DateLastModified,
        })));
        routes.Get("customers.list", "/customers", http => ControlJson.WriteAsync(http, store.Customers));
        routes.Get("customers.get", "/customers/{customerId:long}",
            http => OneAsync(http, store.FindCustomer(long.Parse((string)http.GetRouteValue("customerId")!, System.Globalization.CultureInfo.InvariantCulture)), "customer"));
        routes.Post("customers.seed", "/customers", SeedCustomer);
        routes.Get("customers.notes", "/customers/{customerId:long}/notes", http => ControlJson.WriteAsync(http,
            store.CustomerNotes.Where(n => n.CustomerId == long.Parse((string)http.GetRouteValue("customerId")!, System.Globalization.CultureInfo.InvariantCulture))));
        routes.Get("contacts.list", "/contacts", http => ControlJson.WriteAsync(http, store.Contacts));
        routes.Post("contacts.seed", "/contacts", SeedContact);
        routes.Get("items.list", "/items", http => ControlJson.WriteAsync(http, store.Items));
        routes.Get("items.get", "/items/{itemId}", http => OneAsync(http, store.FindItem((string)http.GetRouteValue("itemId")!), "item"));
        routes.Post("items.seed", "/items", SeedItem);
        routes.Get("pool.show", "/pool", http => ControlJson.WriteAsync(http, pool.State));
        routes.Put("pool.configure", "/pool", ConfigurePool);
        routes.Post("pool.occupy", "/pool/occupy", OccupyPool);
        routes.Delete("pool.peaks", "/pool/peaks", http =>
        {
            pool.ResetPeaks();
            return ControlJson.WriteAsync(http, pool.State);
        });
    }

    async Task ConfigurePool(HttpContext http)
    {
        if (await ControlJson.ReadAsync<ConfigurePoolRequest>(http) is not { } request) return;
        var size = request.Size ?? pool.Size;
        var wait = request.WaitSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : pool.Wait;
        var latency = request.LatencySeconds is { } latencySeconds ? TimeSpan.FromSeconds(latencySeconds) : pool.Latency;
        if (size < 1 || wait < TimeSpan.Zero || latency < TimeSpan.Zero)
        {
            await ControlJson.ErrorAsync(http, StatusCodes.Status400BadRequest, "size must be at least 1, waitSeconds and latencySeconds not negative.");
            return;
        }
        pool.Configure(size, wait);
        pool.Latency = latency;
        await ControlJson.WriteAsync(http, pool.State);
    }

    async Task OccupyPool(HttpContext http)
    {
        if (await ControlJson.ReadAsync<OccupyPoolRequest>(http) is not { } request) return;
        if (request.Instances < 1 || request.Seconds <= 0)
        {
            await ControlJson.ErrorAsync(http, StatusCodes.Status400BadRequest, "instances must be at least 1 and seconds above 0.");
            return;
        }
        pool.Occupy(request.Instances, TimeSpan.FromSeconds(request.Seconds));
        await ControlJson.WriteAsync(http, pool.State, StatusCodes.Status202Accepted);
    }

    Task ListOrders(HttpContext http)
    {
        var reference = http.Request.Query["webReferenceNo"].FirstOrDefault();
        return ControlJson.WriteAsync(http, reference is null ? store.Orders : store.FindOrdersByReference(reference));
    }

    static Task OneAsync<T>(HttpContext http, T? found, string what) where T : class =>
        found is null ? ControlJson.ErrorAsync(http, StatusCodes.Status404NotFound, $"No such {what}.") : ControlJson.WriteAsync(http, found);

    async Task SeedCustomer(HttpContext http)
    {
        if (await ControlJson.ReadAsync<SeedCustomerRequest>(http) is not { } request) return;
        if (string.IsNullOrWhiteSpace(request.CustomerName))
        {
            await ControlJson.ErrorAsync(http, StatusCodes.Status400BadRequest, "customerName is required.");
            return;
        }
        await AddAsync(http, () => store.AddCustomer(request.ToRecord(options.CompanyId, time.GetUtcNow().UtcDateTime)));
    }

    async Task SeedContact(HttpContext http)
    {
        if (await ControlJson.ReadAsync<SeedContactRequest>(http) is not { } request) return;
        if (string.IsNullOrWhiteSpace(request.Id) || store.FindCustomer(request.AddressId) is null)
        {
            await ControlJson.ErrorAsync(http, StatusCodes.Status400BadRequest, "id is required and addressId must be an existing customer id.");
            return;
        }
        await AddAsync(http, () => store.AddContact(new P21ContactRecord
        {
            Id = request.Id, AddressId = request.AddressId, FirstName = request.FirstName, LastName = request.LastName, EmailAddress = request.EmailAddress,
        }));
    }

    async Task SeedItem(HttpContext http)
    {
        if (await ControlJson.ReadAsync<SeedItemRequest>(http) is not { } request) return;
        if (string.IsNullOrWhiteSpace(request.ItemId) || request.Price1 < 0)
        {
            await ControlJson.ErrorAsync(http, StatusCodes.Status400BadRequest, "itemId is required and price1 cannot be negative.");
            return;
        }
        await AddAsync(http, () => store.AddItem(request.ToRecord()));
    }

    static Task AddAsync<T>(HttpContext http, Func<T> add)
    {
        try
        {
            return ControlJson.WriteAsync(http, add(), StatusCodes.Status201Created);
        }
        catch (InvalidOperationException e) // already exists
        {
            return ControlJson.ErrorAsync(http, StatusCodes.Status409Conflict, e.Message);
        }
    }
}
