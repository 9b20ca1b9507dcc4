using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Payments.Simulators.Shared.Routing;
using Payments.Simulators.Znode.Api;
using Payments.Simulators.Znode.Store;

namespace Payments.Simulators.Znode.Resources;

/// <summary>
/// Shoppers' accounts and their addresses (docs/external-apis/znode.md#accounts): <c>GET useraccounts/{userId}/{portalId}</c>
/// (204 when none), <c>GET customeraccount/list/{loggedUserAccountId}</c> with the list grammar (204 when empty; filterable on
/// <c>ModifiedDate</c>), <c>PUT customeraccount/update</c> (the whole model: a field left out is cleared; the request echoed back,
/// or 500 with an empty body when there is no such user), and the address book: <c>GET customer/addresslist</c> (filter
/// <c>UserId~eq~N</c>), <c>POST customer/createcustomeraddress</c> (201), <c>PUT customer/updatecustomeraddress</c>.
/// </summary>
sealed class UsersResource(ZnodeStore store) : ISimulatorResource
{
    static readonly IReadOnlyDictionary<string, Func<UserWire, object?>> UserColumns = new Dictionary<string, Func<UserWire, object?>>(StringComparer.OrdinalIgnoreCase)
    {
        ["UserId"] = u => u.UserId,
        ["UserName"] = u => u.UserName,
        ["Email"] = u => u.Email,
        ["FirstName"] = u => u.FirstName,
        ["LastName"] = u => u.LastName,
        ["FullName"] = u => u.FullName,
        ["PhoneNumber"] = u => u.PhoneNumber,
        ["CompanyName"] = u => u.CompanyName,
        ["PortalId"] = u => u.PortalId,
        ["CreatedDate"] = u => u.CreatedDate,
        ["ModifiedDate"] = u => u.ModifiedDate,
    };

    static readonly IReadOnlyDictionary<string, Func<AddressWire, object?>> AddressColumns = new Dictionary<string, Func<AddressWire, object?>>(StringComparer.OrdinalIgnoreCase)
    {
        ["AddressId"] = a => a.AddressId,
        ["UserId"] = a => a.UserId,
        ["IsDefaultBilling"] = a => a.IsDefaultBilling ? 1 : 0,
        ["IsDefaultShipping"] = a => a.IsDefaultShipping ? 1 : 0,
    };

    public void Map(SimulatorRouteBuilder routes)
    {
        routes.Get("useraccounts.get", "/useraccounts/{userId:int}/{portalId:int}", GetAsync);
        routes.Get("customeraccount.list", "/customeraccount/list/{loggedUserAccountId:int}", ListAsync);
        routes.Put("customeraccount.update", "/customeraccount/update", UpdateAsync).WithMetadata(ZnodeWrite.Instance);
        routes.Get("customer.addresslist", "/customer/addresslist", ListAddressesAsync);
        routes.Post("customer.createcustomeraddress", "/customer/createcustomeraddress", http => SaveAddressAsync(http, create: true)).WithMetadata(ZnodeWrite.Instance);
        routes.Put("customer.updatecustomeraddress", "/customer/updatecustomeraddress", http => SaveAddressAsync(http, create: false)).WithMetadata(ZnodeWrite.Instance);
    }

    Task GetAsync(HttpContext http)
    {
        var user = store.FindUser(ZnodeHttp.IntRouteValue(http, "userId"));
        if (user is null || user.PortalId != ZnodeHttp.IntRouteValue(http, "portalId")) return ZnodeHttp.NoContentAsync(http);
        return ZnodeHttp.OkAsync(http, new UserResponse { User = Wire(user, withAddresses: true) });
    }

    Task ListAsync(HttpContext http)
    {
        var query = http.Request.Query;
        IReadOnlyList<UserWire> page;
        int total;
        ZnodeListQuery list;
        try
        {
            list = ZnodeListQuery.Parse(query["filter"], query["sort"], query["page"]);
            (page, total) = list.Apply(store.Users.Select(u => Wire(u, withAddresses: false)), UserColumns, ("UserId", true));
        }
        catch (ZnodeQueryException e)
        {
            return ZnodeHttp.UnexpectedErrorAsync(http, e.Message);
        }
        if (page.Count == 0) return ZnodeHttp.NoContentAsync(http);
        var pages = list.PageSize is { } size ? (total + size - 1) / size : 1;
        return ZnodeHttp.OkAsync(http, new UserListResponse { Users = [.. page], PageIndex = list.PageIndex, PageSize = list.PageSize, TotalPages = pages, TotalResults = total });
    }

    async Task UpdateAsync(HttpContext http)
    {
        var model = await ZnodeHttp.ReadAsync<UserWire>(http);
        if (model is null)
        {
            await ZnodeHttp.BusinessErrorAsync(http, ZnodeHttp.ErrorCodes.NullModel, "Model can not be null.");
            return;
        }
        var updated = store.UpdateUser(model.UserId, user => user with
        {
            Email = model.Email,
            FirstName = model.FirstName,
            LastName = model.LastName,
            PhoneNumber = model.PhoneNumber,
            CompanyName = model.CompanyName,
            ExternalId = model.ExternalId,
        });
        if (updated is null)
        {
            // The service answered false: Znode's controller then sends a 500 with nothing in it.
            http.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return;
        }
        http.Response.Headers.Location = $"/useraccounts/{updated.UserId}/{updated.PortalId}";
        await ZnodeHttp.OkAsync(http, new UserResponse { User = model });
    }

    Task ListAddressesAsync(HttpContext http)
    {
        var query = http.Request.Query;
        IReadOnlyList<AddressWire> page;
        try
        {
            var list = ZnodeListQuery.Parse(query["filter"], query["sort"], query["page"]);
            (page, _) = list.Apply(store.Users.SelectMany(u => u.Addresses.Select(a => AddressWire(u, a))), AddressColumns, ("AddressId", false));
        }
        catch (ZnodeQueryException e)
        {
            return ZnodeHttp.UnexpectedErrorAsync(http, e.Message);
        }
        return page.Count == 0
            ? ZnodeHttp.NoContentAsync(http)
            : ZnodeHttp.OkAsync(http, new AddressListResponse { AddressList = new AddressListWire { AddressList = [.. page] } });
    }

    async Task SaveAddressAsync(HttpContext http, bool create)
    {
        var model = await ZnodeHttp.ReadAsync<AddressWire>(http);
        if (model is null || model.UserId < 1)
        {
            await ZnodeHttp.BusinessErrorAsync(http, model is null ? ZnodeHttp.ErrorCodes.NullModel : ZnodeHttp.ErrorCodes.IdLessThanOne,
                model is null ? "Model can not be null." : "UserId must be more than 0.");
            return;
        }
        var saved = store.SaveAddress(model.UserId, new ZnodeUserAddress
        {
            AddressId = create ? 0 : model.AddressId, FirstName = model.FirstName, LastName = model.LastName, CompanyName = model.CompanyName,
            Address1 = model.Address1, Address2 = model.Address2, Address3 = model.Address3, CityName = model.CityName, StateName = model.StateName,
            PostalCode = model.PostalCode, CountryName = model.CountryName, PhoneNumber = model.PhoneNumber, EmailAddress = model.EmailAddress,
            IsDefaultBilling = model.IsDefaultBilling, IsDefaultShipping = model.IsDefaultShipping,
        });
        if (saved is null)
        {
            await ZnodeHttp.BusinessErrorAsync(http, ZnodeHttp.ErrorCodes.NotFound, $"Address {model.AddressId} of user {model.UserId} not found.");
            return;
        }
        var user = store.FindUser(model.UserId)!;
        var body = new AddressResponse { Address = AddressWire(user, saved) };
        await (create ? ZnodeHttp.CreatedAsync(http, body) : ZnodeHttp.OkAsync(http, body));
    }

    static UserWire Wire(ZnodeUser user, bool withAddresses) => new()
    {
        UserId = user.UserId,
        AspNetUserId = $"aspnet-{user.UserId}",
        UserName = user.UserName,
        Email = user.Email,
        FirstName = user.FirstName,
        LastName = user.LastName,
        FullName = string.Join(' ', new[] { user.FirstName, user.LastName }.Where(s => !string.IsNullOrWhiteSpace(s))),
        PhoneNumber = user.PhoneNumber,
        CompanyName = user.CompanyName,
        ExternalId = user.ExternalId,
        PortalId = user.PortalId,
        CreatedDate = user.CreatedDate,
        ModifiedDate = user.ModifiedDate,
        Addresses = withAddresses ? [.. user.Addresses.Select(a => AddressWire(user, a))] : null,
    };

    static AddressWire AddressWire(ZnodeUser user, ZnodeUserAddress a) => new()
    {
        AddressId = a.AddressId, UserId = user.UserId, FirstName = a.FirstName, LastName = a.LastName, CompanyName = a.CompanyName,
        DisplayName = a.Address1, Address1 = a.Address1, Address2 = a.Address2, Address3 = a.Address3, CityName = a.CityName,
        StateName = a.StateName, PostalCode = a.PostalCode, CountryName = a.CountryName, PhoneNumber = a.PhoneNumber,
        EmailAddress = a.EmailAddress, IsDefaultBilling = a.IsDefaultBilling, IsDefaultShipping = a.IsDefaultShipping,
        IsBilling = a.IsDefaultBilling, IsShipping = a.IsDefaultShipping, ModifiedDate = user.ModifiedDate, CreatedDate = user.CreatedDate,
    };
}
