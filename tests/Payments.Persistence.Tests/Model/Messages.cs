namespace Payments.Persistence.Tests.Model;

// Test-only messages: a tiny order saga and a ledger consumer exercise the persistence layer without the real contracts.
public record OrderSubmitted(Guid CorrelationId, decimal Amount);

public record OrderOpened(Guid CorrelationId);

public record PaymentCaptured(Guid CorrelationId, decimal Amount);

public record InvoiceReferenceRecorded(Guid CorrelationId, string Reference);

public record PostLedgerEntry(Guid CorrelationId, decimal Amount, bool FailAfterPublish = false);

public record LedgerEntryPosted(Guid CorrelationId, decimal Amount);

public record WebhookAccepted(Guid CorrelationId, int Sequence);
