namespace Payments.ServiceDefaults.Faults;

/// <summary>One message in an <c>_error</c> queue, as MassTransit's fault headers describe it.</summary>
public sealed record FaultMessage(
    string? MessageId,
    string? MessageType,
    string? ExceptionType,
    string? ExceptionMessage,
    string? Reason,
    int RetryCount,
    int RedeliveryCount,
    string? InputAddress,
    DateTimeOffset? FaultedAt,
    Guid? CorrelationId = null);

/// <summary>A faulted message found in an <c>_error</c> queue by its correlation id (the saga's, i.e. the payment's).</summary>
public sealed record FaultFound(string ErrorQueue, FaultMessage Message);

/// <summary>An <c>_error</c> queue, its count, and the first messages in it.</summary>
public sealed record FaultQueue(string Name, long MessageCount, IReadOnlyList<FaultMessage> Messages);

/// <summary>What a redrive did: how many went back, and to which queue.</summary>
public sealed record RedriveResult(string ErrorQueue, string SourceQueue, int Moved, int Left);

/// <summary>A redrive under way: messages moved so far, of those waiting in the error queue when it began.</summary>
public sealed record RedriveProgress(int Moved, long Waiting);
