using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Payments.ServiceDefaults.Failures;
using Refit;

namespace Payments.P21Service.Client.Transactions;

/// <summary>
/// Posts a Transaction API set and reads P21's verdict: HTTP 200 says nothing, <c>Summary</c> and per-transaction status do. A failed set
/// is a business refusal (permanent) unless its messages name a passing condition (<see cref="P21Options.TransientMessages"/>); a 5xx is
/// transient unless it names one that retrying cannot help (<see cref="P21Options.PermanentErrorMessages"/>). Values longer than their P21
/// column are cut or refused first (<see cref="P21Options.OverLongValues"/>), since P21 refuses them without naming the column.
/// </summary>
public sealed class P21Transactions(P21UiServer uiServer, IOptions<P21Options> options, TimeProvider time, ILogger<P21Transactions> logger)
{
    public async Task<TransactionResponse> PostAsync(TransactionSet set, string what, CancellationToken cancellationToken)
    {
        set = Fit(set, what);
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
        catch (TransientFailureException e) when (e.InnerException is ApiException { Content: { } content } && Names(content, options.Value.PermanentErrorMessages))
        {
            // e.g. "Window <<Order>> is not available or user does not have permission to open it": a 500 no retry will change.
            throw new PermanentFailureException($"P21 refused {what}: {ErrorMessage(content)} (the API user may not open this window; grant it in P21).", "P21", e);
        }

        var failed = response.Summary?.Failed > 0 || response.Results?.Transactions?.Any(t => t.Status == "Failed") == true;
        if (!failed) return response;
        var messages = Messages(response);
        if (Names(messages, options.Value.TransientMessages))
            // A contaminated pooled session or a lock passes; another session may take the set a moment later (MW advises retrying
            // with jitter). The document may have been saved before the failure, so the retry looks it up first.
            throw new TransientFailureException($"P21 could not complete {what} this time: {messages}",
                TimeSpan.FromMilliseconds(Random.Shared.Next(500, 3000)));
        throw new PermanentFailureException($"P21 refused {what}: {messages}", "P21");
    }

    /// <summary>P21's own messages, verbatim ("Transaction 1:: …"), for the operator.</summary>
    public static string Messages(TransactionResponse response)
    {
        var messages = (response.Messages ?? []).Where(m => !string.IsNullOrWhiteSpace(m)).ToList();
        return messages.Count == 0 ? "(no message)" : string.Join(" | ", messages);
    }

    /// <summary>Every value cut to its column's length (<see cref="P21FieldLengths"/>), or a permanent failure naming the first that is too long.</summary>
    TransactionSet Fit(TransactionSet set, string what)
    {
        var lengths = P21FieldLengths.For(options.Value);
        var refuse = options.Value.OverLongValues == OverLongValueRule.Refuse;
        Edit FitEdit(Edit edit)
        {
            if (edit.Value is not { } value || !lengths.TryGetValue(edit.Name, out var length) || value.Length <= length) return edit;
            if (refuse)
                throw new PermanentFailureException(
                    $"{Capitalised(what)}: {edit.Name} is {value.Length} characters ('{value}'); P21 keeps at most {length} (P21:OverLongValues is Refuse: "
                    + "shorten it at the source, or set Truncate).", "P21");
            var kept = value[..length].TrimEnd();
            logger.LogWarning("{What}: cut {Field} to P21's {Length} characters: '{Sent}' kept as '{Kept}'", what, edit.Name, length, value, kept);
            return edit with { Value = kept };
        }
        return set with
        {
            Transactions = set.Transactions.Select(t => t with
            {
                DataElements = t.DataElements.Select(e => e with
                {
                    Rows = e.Rows.Select(r => r with { Edits = r.Edits.Select(FitEdit).ToList() }).ToList(),
                }).ToList(),
            }).ToList(),
        };
    }

    static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    static bool Names(string text, IEnumerable<string> words) => words.Any(w => !string.IsNullOrWhiteSpace(w) && text.Contains(w, StringComparison.OrdinalIgnoreCase));

    /// <summary>The <c>ErrorMessage</c> of P21's REST envelope, else the body as it came.</summary>
    static string ErrorMessage(string content)
    {
        try
        {
            using var json = JsonDocument.Parse(content);
            if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("ErrorMessage", out var message)
                && message.GetString() is { Length: > 0 } text)
                return text;
        }
        catch (JsonException)
        {
        }
        return content.Length <= 500 ? content : content[..500] + "…";
    }
}
