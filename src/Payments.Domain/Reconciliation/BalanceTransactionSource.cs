namespace Payments.Domain.Reconciliation;

/// <summary>
/// What a balance transaction's expanded <c>source</c> tells: its id (<c>ch_…</c>, <c>py_…</c>, <c>re_…</c>, <c>du_…</c>,
/// <c>po_…</c>), the charge it belongs to (a refund's or a dispute's charge; a charge's own id), and — only when it differs
/// from the settlement currency — the currency and amount the customer paid in, so the journal can record the conversion.
/// </summary>
public sealed record BalanceTransactionSource(
    string Id,
    string? ChargeId = null,
    string? RefundId = null,
    string? DisputeId = null,
    string? Currency = null,
    long? AmountMinor = null);
