using System.Globalization;
using System.Net;
using System.Text.Json;
using Payments.ServiceDefaults.Failures;
using Polly;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;
using Refit;

namespace Payments.ZnodeService.Client;

/// <summary>
/// The Znode API as the capabilities use it: Znode's answers read once, here (docs/external-apis/znode.md#status-codes). 204 is
/// "none" (null); 200 <c>IsSuccess:false</c> is "the row is not there" (false); a 500 with an <c>ErrorCode</c> is Znode refusing
/// (<see cref="PermanentFailureException"/> with Znode's words, System "Znode"); a 500 without one is an unexpected exception on
/// Znode's side (transient, as are 5xx, 408, time-outs, no answer, and a 429 whose wait outlasted <c>Znode:RateLimit:MaxWait</c>);
/// 401 and an unknown domain (404, ErrorCode 8001) are configuration errors (permanent).
/// </summary>
public sealed class ZnodeClient(IZnodeReadApi reads, IZnodeWriteApi writes, TimeProvider time)
{
    public const string SystemName = "Znode";
    const string HistoryExpand = "znodeomshistories";

    /// <summary>The order, or null when Znode has none (204). <paramref name="withHistory"/> asks for its history rows too.</summary>
    public async Task<ZnodeOrderModel?> GetOrderAsync(int omsOrderId, bool withHistory, CancellationToken cancellationToken) =>
        (await CallAsync($"GET orders/{omsOrderId}", () => reads.GetOrderAsync(omsOrderId, withHistory ? HistoryExpand : null, cancellationToken), cancellationToken))?.Order;

    public async Task<ZnodeOrderModel?> GetOrderByNumberAsync(string orderNumber, bool withHistory, CancellationToken cancellationToken) =>
        (await CallAsync($"GET orders/getbyordernumber/{orderNumber}", () => reads.GetOrderByNumberAsync(orderNumber, withHistory ? HistoryExpand : null, cancellationToken), cancellationToken))?.Order;

    /// <summary>One page of <c>orders/list</c> (1-based), and the total Znode reports; an empty page when Znode answers 204.</summary>
    public async Task<(IReadOnlyList<ZnodeOrderModel> Orders, int Total)> ListOrdersAsync(string? filter, string? sort, int pageIndex, int pageSize,
        CancellationToken cancellationToken)
    {
        var page = string.Create(CultureInfo.InvariantCulture, $"index~{pageIndex},size~{pageSize}");
        var answer = await CallAsync($"GET orders/list?filter={filter}&sort={sort}&page={page}", () => reads.ListOrdersAsync(filter, sort, page, cancellationToken), cancellationToken);
        var orders = answer?.OrderList?.Orders ?? [];
        return (orders, answer?.TotalResults ?? orders.Count);
    }

    public async Task<IReadOnlyList<ZnodeOrderStateModel>> ListOrderStatesAsync(CancellationToken cancellationToken) =>
        (await CallAsync("GET orderstate/list", () => reads.ListOrderStatesAsync(cancellationToken), cancellationToken))?.OrderStates ?? [];

    public async Task<IReadOnlyList<ZnodePaymentStateModel>> ListPaymentStatesAsync(CancellationToken cancellationToken) =>
        (await CallAsync("GET orders/getpaymentstatelist", () => reads.ListPaymentStatesAsync(cancellationToken), cancellationToken))?.PaymentStateList ?? [];

    /// <summary>Sets the payment status by name (<c>CAPTURED</c>, …); false when Znode has no active order detail to update.</summary>
    public async Task<bool> SetPaymentStatusAsync(int omsOrderId, string paymentStatus, CancellationToken cancellationToken) =>
        (await CallAsync($"GET orders/updateorderpaymentstatus/{omsOrderId}/{paymentStatus}", () => writes.SetPaymentStatusAsync(omsOrderId, paymentStatus, cancellationToken), cancellationToken))?.IsSuccess ?? false;

    public async Task<bool> SetTransactionIdAsync(int omsOrderId, string transactionId, CancellationToken cancellationToken) =>
        (await CallAsync($"GET orders/updateordertransactionid/{omsOrderId}/{transactionId}", () => writes.SetTransactionIdAsync(omsOrderId, transactionId, cancellationToken), cancellationToken))?.IsSuccess ?? false;

    public async Task<bool> SetOrderStateAsync(ZnodeOrderStateUpdate update, CancellationToken cancellationToken) =>
        (await CallAsync($"PUT orders/updateorderstatus (order {update.OmsOrderId}, state {update.OmsOrderStateId})", () => writes.SetOrderStateAsync(update, cancellationToken), cancellationToken))?.IsSuccess ?? false;

    /// <summary>Adds a history row; null when Znode answered 204 (it created nothing).</summary>
    public async Task<ZnodeOrderHistoryModel?> AddHistoryAsync(ZnodeOrderHistoryModel history, CancellationToken cancellationToken) =>
        (await CallAsync($"POST orders/createorderhistory (order {history.OmsOrderId})", () => writes.AddHistoryAsync(history, cancellationToken), cancellationToken))?.OrderHistory;

    /// <summary>The return with its lines, or null when Znode has none (204).</summary>
    public async Task<ZnodeReturnModel?> GetReturnAsync(string returnNumber, CancellationToken cancellationToken) =>
        (await CallAsync($"GET rmareturn/getreturndetails/{returnNumber}", () => reads.GetReturnAsync(returnNumber, cancellationToken), cancellationToken))?.Return;

    /// <summary>One page of <c>rmareturn/list</c> (1-based); an empty page when Znode answers 204.</summary>
    public async Task<IReadOnlyList<ZnodeReturnModel>> ListReturnsAsync(string? filter, string? sort, int pageIndex, int pageSize, CancellationToken cancellationToken)
    {
        var page = string.Create(CultureInfo.InvariantCulture, $"index~{pageIndex},size~{pageSize}");
        var answer = await CallAsync($"GET rmareturn/list?filter={filter}&sort={sort}&page={page}", () => reads.ListReturnsAsync(filter, sort, page, cancellationToken), cancellationToken);
        return answer?.ReturnList?.Returns ?? [];
    }

    public async Task<IReadOnlyList<ZnodeReturnStateModel>> ListReturnStatesAsync(CancellationToken cancellationToken) =>
        (await CallAsync("GET rmareturn/getreturnstatuslist", () => reads.ListReturnStatesAsync(cancellationToken), cancellationToken))?.ReturnStates ?? [];

    /// <summary>The admin's change of a return (state, lines, a note); the return as Znode has it afterwards, or null on a 204.</summary>
    public async Task<ZnodeReturnModel?> UpdateReturnAsync(ZnodeReturnModel update, CancellationToken cancellationToken) =>
        (await CallAsync($"POST rmareturn/saveorderreturn (return {update.ReturnNumber}, state {update.RmaReturnStateId})", () => writes.UpdateReturnAsync(update, cancellationToken), cancellationToken))?.Return;

    /// <summary>The account, or null when Znode has none in that portal (204).</summary>
    public async Task<ZnodeUserModel?> GetUserAsync(int userId, int portalId, CancellationToken cancellationToken) =>
        (await CallAsync($"GET useraccounts/{userId}/{portalId}", () => reads.GetUserAsync(userId, portalId, cancellationToken), cancellationToken))?.User;

    /// <summary>One page of <c>customeraccount/list</c> (1-based); an empty page when Znode answers 204.</summary>
    public async Task<IReadOnlyList<ZnodeUserModel>> ListUsersAsync(int loggedUserAccountId, string? filter, string? sort, int pageIndex, int pageSize,
        CancellationToken cancellationToken)
    {
        var page = string.Create(CultureInfo.InvariantCulture, $"index~{pageIndex},size~{pageSize}");
        var answer = await CallAsync($"GET customeraccount/list/{loggedUserAccountId}?filter={filter}&sort={sort}&page={page}",
            () => reads.ListUsersAsync(loggedUserAccountId, filter, sort, page, cancellationToken), cancellationToken);
        return answer?.Users ?? [];
    }

    /// <summary>The user's address book (none on a 204).</summary>
    public async Task<IReadOnlyList<ZnodeUserAddressModel>> ListAddressesAsync(int userId, CancellationToken cancellationToken)
    {
        var filter = string.Create(CultureInfo.InvariantCulture, $"UserId~eq~{userId}");
        var answer = await CallAsync($"GET customer/addresslist?filter={filter}", () => reads.ListAddressesAsync(filter, cancellationToken), cancellationToken);
        return [.. (answer?.AddressList?.AddressList ?? []).Where(a => a.UserId == userId || a.UserId == 0)];
    }

    /// <summary>Writes the whole user model. Znode answers a refused update with a 500 and no body: that is a transient failure here, and the command is retried.</summary>
    public async Task UpdateUserAsync(ZnodeUserModel user, CancellationToken cancellationToken) =>
        await CallAsync($"PUT customeraccount/update (user {user.UserId})", () => writes.UpdateUserAsync(user, cancellationToken), cancellationToken);

    public async Task<ZnodeUserAddressModel?> SaveAddressAsync(ZnodeUserAddressModel address, CancellationToken cancellationToken) => address.AddressId == 0
        ? (await CallAsync($"POST customer/createcustomeraddress (user {address.UserId})", () => writes.CreateAddressAsync(address, cancellationToken), cancellationToken))?.Address
        : (await CallAsync($"PUT customer/updatecustomeraddress (user {address.UserId}, address {address.AddressId})", () => writes.UpdateAddressAsync(address, cancellationToken), cancellationToken))?.Address;

    async Task<T?> CallAsync<T>(string what, Func<Task<IApiResponse<T>>> call, CancellationToken cancellationToken) where T : ZnodeResponse
    {
        IApiResponse<T> response;
        try
        {
            response = await call();
        }
        catch (Exception e) when (Classify(what, e, cancellationToken) is { } failure)
        {
            throw failure;
        }
        using (response)
        {
            if (response.HasRequestError(out var requestError))
            {
                var inner = requestError.InnerException ?? requestError;
                if (inner is OperationCanceledException && cancellationToken.IsCancellationRequested) throw inner;
                throw Classify(what, inner, cancellationToken) ?? new TransientFailureException($"Znode could not be reached for {what}: {inner.Message}", null, inner);
            }
            if (response.IsSuccessStatusCode)
                return response.StatusCode == HttpStatusCode.NoContent ? null : response.Content;
            throw FromStatus(what, response.StatusCode ?? HttpStatusCode.InternalServerError, (response.Error as ApiException)?.Content, response.Headers?.RetryAfter, response.Error);
        }
    }

    Exception? Classify(string what, Exception e, CancellationToken cancellationToken) => e switch
    {
        OperationCanceledException when cancellationToken.IsCancellationRequested => null,
        ApiRequestException { InnerException: { } inner } => Classify(what, inner, cancellationToken),
        ApiException api => FromStatus(what, api.StatusCode, api.Content, api.Headers.RetryAfter, api),
        TimeoutRejectedException timeout => new TransientFailureException($"Znode did not answer {what} within {timeout.Timeout.TotalSeconds:0.#} s (Znode:RequestTimeout, or Znode:RateLimit:MaxWait in all).", null, timeout),
        BrokenCircuitException broken => new TransientFailureException($"Znode calls are paused after repeated failures (circuit open); {what} was not sent.", broken.RetryAfter, broken),
        RateLimiterRejectedException limited => new TransientFailureException($"Too many Znode calls are waiting in this process (Znode:RateLimit:QueueLimit, Znode:Http:MaxQueuedRequests); {what} was not sent.", limited.RetryAfter, limited),
        ExecutionRejectedException rejected => new TransientFailureException($"Znode call refused by the HTTP pipeline for {what}: {rejected.Message}", null, rejected),
        HttpRequestException or TimeoutException or IOException => new TransientFailureException($"Znode could not be reached for {what}: {e.Message}", null, e),
        TaskCanceledException => new TransientFailureException($"Znode did not answer {what} within the time-out.", null, e),
        _ => null,
    };

    Exception FromStatus(string what, HttpStatusCode status, string? content, System.Net.Http.Headers.RetryConditionHeaderValue? retryAfter, Exception? inner)
    {
        var code = (int)status;
        var envelope = ReadEnvelope(content);
        var words = envelope?.ErrorMessage is { Length: > 0 } message ? $": {message}" : string.IsNullOrWhiteSpace(content) ? "" : ": " + Truncate(content, 500);
        var errorCode = envelope?.ErrorCode is { } number ? $" (ErrorCode {number})" : "";
        return status switch
        {
            HttpStatusCode.Unauthorized when envelope?.ErrorCode == 32 => new PermanentFailureException(
                $"Znode refused {what} as unauthorized{errorCode}{words}. If this installation needs an acting user, set Znode:UserId.", SystemName, inner),
            HttpStatusCode.Unauthorized => new PermanentFailureException(
                $"Znode refused our credentials for {what} (401): check Znode:DomainName and Znode:ApiKey (the ZnodeDomain row's key).", SystemName, inner),
            HttpStatusCode.NotFound when envelope?.ErrorCode == 8001 => new PermanentFailureException(
                $"Znode does not know the domain we sent (404, ErrorCode 8001){words}: check Znode:DomainName.", SystemName, inner),
            HttpStatusCode.TooManyRequests => new TransientFailureException(
                $"Znode kept answering 429 to {what} past Znode:RateLimit:MaxWait{words}", RetryAfter(retryAfter), inner),
            >= HttpStatusCode.InternalServerError when envelope is { HasError: true, ErrorCode: not null } => new PermanentFailureException(
                $"Znode refused {what}{errorCode}{words}", SystemName, inner),
            HttpStatusCode.RequestTimeout or >= HttpStatusCode.InternalServerError => new TransientFailureException(
                $"Znode answered {code} to {what}{words}", RetryAfter(retryAfter), inner),
            _ => new PermanentFailureException($"Znode answered {code} to {what}{errorCode}{words}{ModelState(envelope)}", SystemName, inner),
        };
    }

    TimeSpan? RetryAfter(System.Net.Http.Headers.RetryConditionHeaderValue? header)
    {
        if (header?.Delta is { } delta) return delta;
        if (header?.Date is { } date) return date - time.GetUtcNow() is { } wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        return null;
    }

    static ZnodeResponse? ReadEnvelope(string? content)
    {
        if (string.IsNullOrWhiteSpace(content) || !content.TrimStart().StartsWith('{')) return null;
        try
        {
            return JsonSerializer.Deserialize<ZnodeResponse>(content, ZnodeJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    static string ModelState(ZnodeResponse? envelope) => envelope?.CustomModelState is { Count: > 0 } state
        ? " (" + string.Join("; ", state.Select(kv => $"{kv.Key}: {kv.Value}")) + ")"
        : "";

    static string Truncate(string text, int length) => text.Length <= length ? text : text[..length] + "…";
}
