using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Payments.Simulators.P21.Auth;
using Payments.Simulators.P21.Faults;
using Payments.Simulators.P21.Pool;
using Payments.Simulators.P21.Transactions;
using Payments.Simulators.Shared.Faults;
using Payments.Simulators.Shared.Routing;

namespace Payments.Simulators.P21.Resources;

/// <summary>
/// The Transaction API on the UI server: <c>POST /uiserver0/api/v2/transaction</c> (create through <see cref="TransactionProcessor"/>;
/// HTTP 200 whatever the business outcome, the truth is in <c>Summary</c>) and <c>POST …/transaction/get</c> (read a record back).
/// Applies the fault effects of <see cref="P21Fault"/> (a business refusal, a contaminated pooled session, a record lock, a silently lost line or price).
/// </summary>
sealed class TransactionResource(TransactionProcessor transactions) : ISimulatorResource
{
    const string Base = P21Simulator.UiServerPath + "/api/v2/transaction";

    public void Map(SimulatorRouteBuilder routes)
    {
        // Both run on one of P21's pooled API instances (docs/external-apis/p21.md#session-pool-and-limits).
        routes.Post(nameof(P21Route.Transaction), Base, PostAsync).WithMetadata(P21BearerToken.Required, P21PooledCall.Required);
        routes.Post(nameof(P21Route.TransactionGet), Base + "/get", GetAsync).WithMetadata(P21BearerToken.Required, P21PooledCall.Required);
    }

    async Task PostAsync(HttpContext http)
    {
        TransactionSet? set;
        try
        {
            set = await JsonSerializer.DeserializeAsync<TransactionSet>(http.Request.Body, P21Http.Json);
        }
        catch (JsonException)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        if (set is null)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        if (!transactions.IsKnownService(set.Name))
        {
            http.Response.StatusCode = StatusCodes.Status500InternalServerError; // unknown service: empty 500 [seen]
            return;
        }
        if (set.Transactions?.Any(t => t.Status != "New") == true)
        {
            http.Response.StatusCode = StatusCodes.Status500InternalServerError; // Status other than "New": NullReferenceException [seen]
            await http.Response.WriteAsJsonAsync(new { Message = "An error has occurred.", ExceptionMessage = "Object reference not set to an instance of an object.", ExceptionType = "System.NullReferenceException" });
            return;
        }

        var response = http.Features.Get<InjectedFault>()?.Fault is { Effect: { } effect } fault ? WithEffect(set, effect, fault.Message) : transactions.Process(set);
        await http.Response.WriteAsJsonAsync(response, P21Http.Json); // HTTP 200 whatever the outcome: the truth is in Summary
    }

    TransactionResponse WithEffect(TransactionSet set, string effect, string? message)
    {
        switch (effect)
        {
            case P21Fault.BusinessRuleFailureEffect:
                return TransactionProcessor.Refused(set, message ?? "General Exception");
            case P21Fault.RecordLockedEffect:
                return TransactionProcessor.Refused(set, message ?? "Record is locked by another user.");
            case P21Fault.UnexpectedResponseWindowEffect:
                return TransactionProcessor.Refused(set, UnexpectedResponseWindow(message));
            case P21Fault.DropLineEffect:
                return transactions.Process(set, OrderLosses.LastLine);
            case P21Fault.IgnoreLinePriceEffect:
                return transactions.Process(set, OrderLosses.LinePrices);
            case P21Fault.UnexpectedResponseWindowAfterSaveEffect:
                // The save went through; the dialog is met when the window is cleared afterwards, and the set is reported failed [seen].
                var saved = transactions.Process(set);
                return saved.Summary.Succeeded == 0 ? saved : TransactionProcessor.Refused(set, UnexpectedResponseWindow(message));
            default:
                return transactions.Process(set);
        }
    }

    // The exception text P21 passes on from the UI server [seen] (docs/external-apis/p21.md#session-pool-and-limits).
    static string UnexpectedResponseWindow(string? window) =>
        $"System.AggregateException: One or more errors occurred. ---> P21.UI.Common.UiServerException: Unexpected response window: {window ?? "Email Order Acknowledgement"}. Window class: w_email_response";

    async Task GetAsync(HttpContext http)
    {
        TransactionGetRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync<TransactionGetRequest>(http.Request.Body, P21Http.Json);
        }
        catch (JsonException)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        if (!transactions.IsKnownService(request?.ServiceName))
        {
            http.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return;
        }
        TransactionSet? result;
        try
        {
            result = transactions.Get(request!);
        }
        catch (BusinessRuleException e)
        {
            // e.g. an RMA asked of the Order service: P21's words [seen]; the status of a refused read is not public, a 500 envelope [inferred].
            await P21Http.WriteErrorEnvelopeAsync(http, StatusCodes.Status500InternalServerError, e.Message);
            return;
        }
        if (result is null)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        await http.Response.WriteAsJsonAsync(result, P21Http.Json);
    }
}
