using Payments.ServiceDefaults.Failures;

namespace Payments.P21Service.Client.Transactions;

/// <summary>Posts a Transaction API set and reads P21's verdict: HTTP 200 says nothing, <c>Summary</c> and per-transaction status do.</summary>
public sealed class P21Transactions(P21UiServer uiServer, TimeProvider time)
{
    public async Task<TransactionResponse> PostAsync(TransactionSet set, string what, CancellationToken cancellationToken)
    {
        TransactionResponse response;
        try
        {
            var api = await uiServer.TransactionApiAsync(cancellationToken);
            response = await P21Failures.CallAsync(what, () => api.PostAsync(set, cancellationToken), time, cancellationToken);
        }
        catch (TransientFailureException e) when (e.InnerException is HttpRequestException)
        {
            uiServer.Forget();
            throw;
        }

        var failed = response.Summary?.Failed > 0 || response.Results?.Transactions?.Any(t => t.Status == "Failed") == true;
        if (failed)
            throw new PermanentFailureException($"P21 refused {what}: {Messages(response)}", "P21");
        return response;
    }

    /// <summary>P21's own messages, verbatim ("Transaction 1:: …"), for the operator.</summary>
    public static string Messages(TransactionResponse response)
    {
        var messages = (response.Messages ?? []).Where(m => !string.IsNullOrWhiteSpace(m)).ToList();
        return messages.Count == 0 ? "(no message)" : string.Join(" | ", messages);
    }
}
