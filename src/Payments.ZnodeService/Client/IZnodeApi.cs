using Refit;

namespace Payments.ZnodeService.Client;

/// <summary>
/// Znode's reads (docs/external-apis/znode.md#orders). Safe to repeat: this client's pipeline retries them after a transient
/// failure. Every answer is an <see cref="IApiResponse{T}"/>: Znode answers "not found" with 204 and no body, and its errors with
/// a JSON envelope on a 500, so neither may throw before <see cref="ZnodeClient"/> reads them.
/// </summary>
[Headers("Accept: application/json")]
public interface IZnodeReadApi
{
    [Get("/orders/{omsOrderId}")]
    Task<IApiResponse<ZnodeOrderResponse>> GetOrderAsync(int omsOrderId, [AliasAs("expand")] string? expand, CancellationToken cancellationToken);

    [Get("/orders/getbyordernumber/{orderNumber}")]
    Task<IApiResponse<ZnodeOrderResponse>> GetOrderByNumberAsync(string orderNumber, [AliasAs("expand")] string? expand, CancellationToken cancellationToken);

    /// <summary><c>filter=Name~op~value,…</c>, <c>sort=Name~asc</c>, <c>page=index~N,size~M</c> (docs/external-apis/znode.md#list-queries).</summary>
    [Get("/orders/list")]
    Task<IApiResponse<ZnodeOrderListResponse>> ListOrdersAsync(string? filter, string? sort, string? page, CancellationToken cancellationToken);

    [Get("/orderstate/list")]
    Task<IApiResponse<ZnodeOrderStateListResponse>> ListOrderStatesAsync(CancellationToken cancellationToken);

    [Get("/orders/getpaymentstatelist")]
    Task<IApiResponse<ZnodePaymentStateListResponse>> ListPaymentStatesAsync(CancellationToken cancellationToken);

    [Get("/rmareturn/getreturndetails/{returnNumber}")]
    Task<IApiResponse<ZnodeReturnResponse>> GetReturnAsync(string returnNumber, CancellationToken cancellationToken);

    /// <summary>The order list's grammar (docs/external-apis/znode.md#returns).</summary>
    [Get("/rmareturn/list")]
    Task<IApiResponse<ZnodeReturnListResponse>> ListReturnsAsync(string? filter, string? sort, string? page, CancellationToken cancellationToken);

    [Get("/rmareturn/getreturnstatuslist")]
    Task<IApiResponse<ZnodeReturnStateListResponse>> ListReturnStatesAsync(CancellationToken cancellationToken);

    /// <summary>A shopper's account (docs/external-apis/znode.md#accounts); 204 when there is none in that portal.</summary>
    [Get("/useraccounts/{userId}/{portalId}")]
    Task<IApiResponse<ZnodeUserResponse>> GetUserAsync(int userId, int portalId, CancellationToken cancellationToken);

    /// <summary>Accounts with the list grammar, as the user <paramref name="loggedUserAccountId"/> sees them (an admin: all).</summary>
    [Get("/customeraccount/list/{loggedUserAccountId}")]
    Task<IApiResponse<ZnodeUserListResponse>> ListUsersAsync(int loggedUserAccountId, string? filter, string? sort, string? page, CancellationToken cancellationToken);

    /// <summary>Address-book rows, e.g. <c>filter=UserId~eq~N</c>.</summary>
    [Get("/customer/addresslist")]
    Task<IApiResponse<ZnodeAddressListResponse>> ListAddressesAsync(string? filter, CancellationToken cancellationToken);
}

/// <summary>
/// Znode's writes, some of them GETs (docs/external-apis/znode.md#order-updates). Never repeated by the HTTP client after a
/// transient failure (only after a 429, which means "not done"): the message is retried instead, and its consumer reads first.
/// </summary>
[Headers("Accept: application/json")]
public interface IZnodeWriteApi
{
    [Get("/orders/updateorderpaymentstatus/{omsOrderId}/{paymentStatus}")]
    Task<IApiResponse<ZnodeTrueFalseResponse>> SetPaymentStatusAsync(int omsOrderId, string paymentStatus, CancellationToken cancellationToken);

    [Get("/orders/updateordertransactionid/{omsOrderId}/{transactionId}")]
    Task<IApiResponse<ZnodeTrueFalseResponse>> SetTransactionIdAsync(int omsOrderId, string transactionId, CancellationToken cancellationToken);

    [Put("/orders/updateorderstatus")]
    Task<IApiResponse<ZnodeTrueFalseResponse>> SetOrderStateAsync([Body] ZnodeOrderStateUpdate update, CancellationToken cancellationToken);

    [Post("/orders/createorderhistory")]
    Task<IApiResponse<ZnodeOrderHistoryResponse>> AddHistoryAsync([Body] ZnodeOrderHistoryModel history, CancellationToken cancellationToken);

    /// <summary>The admin's change of a return: the same POST as the shopper's, with <c>IsAdminRequest</c> (docs/external-apis/znode.md#returns).</summary>
    [Post("/rmareturn/saveorderreturn")]
    Task<IApiResponse<ZnodeReturnResponse>> UpdateReturnAsync([Body] ZnodeReturnModel update, CancellationToken cancellationToken);

    /// <summary>The whole user model (a field left out is cleared; docs/external-apis/znode.md#accounts).</summary>
    [Put("/customeraccount/update")]
    Task<IApiResponse<ZnodeUserResponse>> UpdateUserAsync([Body] ZnodeUserModel user, CancellationToken cancellationToken);

    [Post("/customer/createcustomeraddress")]
    Task<IApiResponse<ZnodeAddressResponse>> CreateAddressAsync([Body] ZnodeUserAddressModel address, CancellationToken cancellationToken);

    [Put("/customer/updatecustomeraddress")]
    Task<IApiResponse<ZnodeAddressResponse>> UpdateAddressAsync([Body] ZnodeUserAddressModel address, CancellationToken cancellationToken);
}
