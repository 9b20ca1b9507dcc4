namespace Payments.Persistence.Tests.Scheduling.Model;

/// <summary>Schedules <see cref="ReminderDue"/> for <paramref name="DueTime"/>: sent to its queue, or published.</summary>
public record ScheduleReminder(Guid ReminderId, string Text, DateTime DueTime, bool Publish = false);

public record CancelReminder(Guid ReminderId);

public record ReminderDue(Guid ReminderId, string Text);

public record InvoiceIssued(Guid InvoiceId, DateTime PaymentDueTime);

public record InvoicePaid(Guid InvoiceId);

/// <summary>The invoice saga's time-out, scheduled when the invoice is issued.</summary>
public record InvoicePaymentOverdue(Guid InvoiceId);
