using System.Diagnostics;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Payments.ServiceDefaults.Failures;
using Polly;
using Polly.Timeout;

namespace Payments.Persistence.Audit;

/// <summary>
/// Records every write (any method but GET, HEAD and OPTIONS) of an outbound client in the audit trail: method and path, the request's
/// essentials (scrubbed, <see cref="AuditEssentials"/>; headers never, so no Authorization), the status, the id created or the error,
/// the duration, and the flow, step, subject and conversation of the <see cref="AuditScope"/>.
/// The entry is written <em>before</em> the request goes out, as <see cref="AuditOutcomes.Pending"/>, and completed after: when the
/// audit database is unavailable nothing is written to the system either, and the message fails transiently and is retried
/// (docs/operations.md, "Audit trail"). A failure to complete it is logged and leaves the entry pending; the write stands.
/// The services put it outside their resilience pipeline, so that the audit database's round trips do not hold one of the system's
/// call slots: the duration then includes the wait for a slot, and a call the pipeline refused before sending it (its queue full,
/// the circuit open) is recorded as failed, "not sent".
/// </summary>
public sealed class AuditingHandler(IAuditTrail trail, string service, string system, TimeProvider clock, ILogger<AuditingHandler> logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method == HttpMethod.Get || request.Method == HttpMethod.Head || request.Method == HttpMethod.Options)
            return await base.SendAsync(request, cancellationToken);

        var scope = AuditScope.Current;
        var body = await ReadAsync(request.Content, cancellationToken);
        var (essentials, ids) = AuditEssentials.Essentials(body, request.Content?.Headers.ContentType?.MediaType);
        var started = new AuditEntry
        {
            At = clock.GetUtcNow(),
            Service = service,
            System = system,
            Action = AuditEssentials.Cut($"{request.Method.Method} {request.RequestUri?.AbsolutePath}")!,
            Flow = scope?.Flow,
            Step = scope?.Step,
            Subject = scope?.Subject,
            CausedBy = scope?.CausedBy,
            ConversationId = scope?.ConversationId,
            Request = essentials,
            Outcome = AuditOutcomes.Pending,
            References = string.Join(' ', ids),
        };
        try
        {
            await trail.RecordAsync(started, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new TransientFailureException($"The audit trail is unavailable, so {started.Action} to {system} was not sent: {e.Message}", inner: e);
        }

        var watch = Stopwatch.StartNew();
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken);
        }
        catch (Exception e)
        {
            // A time-out may come after the request left; the pipeline's other refusals come before it does.
            var notSent = e is ExecutionRejectedException and not TimeoutRejectedException ? "not sent, " : "";
            await CompleteAsync(started with
            {
                Outcome = AuditOutcomes.Failed,
                Result = AuditEssentials.Cut($"{notSent}{e.GetType().Name}: {e.Message}"),
                DurationMs = watch.ElapsedMilliseconds,
            });
            throw;
        }

        var answer = await ReadAsync(response.Content, cancellationToken);
        var succeeded = response.IsSuccessStatusCode;
        var created = succeeded ? AuditEssentials.Identifiers(answer) : [];
        await CompleteAsync(started with
        {
            Outcome = succeeded ? AuditOutcomes.Succeeded : AuditOutcomes.Failed,
            StatusCode = (int)response.StatusCode,
            Result = succeeded
                ? created.Count > 0 ? AuditEssentials.Cut(string.Join(' ', created)) : null
                : AuditEssentials.Scrub(answer, response.Content.Headers.ContentType?.MediaType) ?? response.ReasonPhrase,
            DurationMs = watch.ElapsedMilliseconds,
            References = string.Join(' ', started.References.Split(' ', StringSplitOptions.RemoveEmptyEntries).Concat(created).Distinct()),
        });
        return response;
    }

    async Task CompleteAsync(AuditEntry entry)
    {
        try
        {
            // Not the caller's token: the write happened, its outcome is recorded even when the caller gives up now.
            await trail.CompleteAsync(entry, CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "The audit entry of {Action} to {System} stays pending: its outcome ({Outcome}) could not be recorded", entry.Action, system, entry.Outcome);
        }
    }

    /// <summary>The content as text, buffered so that the client (and Refit's deserialisation) still reads it.</summary>
    static async Task<string?> ReadAsync(HttpContent? content, CancellationToken cancellationToken)
    {
        if (content is null || !IsText(content.Headers.ContentType))
            return null;
        await content.LoadIntoBufferAsync(cancellationToken);
        return await content.ReadAsStringAsync(cancellationToken);
    }

    static bool IsText(MediaTypeHeaderValue? type) => type?.MediaType is null
        || type.MediaType.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
        || type.MediaType.Contains("json", StringComparison.OrdinalIgnoreCase)
        || type.MediaType.Contains("xml", StringComparison.OrdinalIgnoreCase)
        || type.MediaType.Contains("x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);
}
