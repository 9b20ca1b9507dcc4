using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Payments.Contracts.Shared;
using Payments.Contracts.ZnodeReturn;
using Payments.Persistence.Audit;
using Payments.ZnodeService.Client;
using Payments.ZnodeService.Data;
using Payments.ZnodeService.Intake;

namespace Payments.ZnodeService.Returns;

/// <summary>An approved return as read in full, with its order (null when Znode has none).</summary>
public sealed record ApprovedReturn(ZnodeReturnModel Return, ZnodeOrderModel? Order);

/// <summary>
/// Takes approved Znode returns in: a return not seen before is published as <see cref="ZnodeReturnApproved"/> (with its order's
/// Stripe transaction id and currency), or recorded as skipped when it cannot be refunded from here (no order, no currency, no
/// Stripe transaction id), with a row keyed by its return number in the same unit of work. The caller commits both together (the
/// bus outbox), so a return is announced once: a second sighting finds the row, a concurrent one fails on its key.
/// </summary>
public sealed class ReturnIntake(ZnodeServiceDbContext db, IOptions<ZnodeOptions> znode, TimeProvider time, IntakeAuditing audit, ILogger<ReturnIntake> logger)
{
    public const string Source = "poller";

    /// <summary>Return numbers among <paramref name="returnNumbers"/> already taken in.</summary>
    public async Task<HashSet<string>> KnownAsync(IEnumerable<string> returnNumbers, CancellationToken cancellationToken)
    {
        var numbers = returnNumbers.Distinct().ToList();
        return [.. await db.IntakeReturns.Where(r => numbers.Contains(r.ReturnNumber)).Select(r => r.ReturnNumber).ToListAsync(cancellationToken)];
    }

    /// <summary>Publishes (through <paramref name="publish"/>) and records the returns not yet taken in; the caller saves and commits.</summary>
    public async Task<IntakeResult> TakeInAsync(IReadOnlyList<ApprovedReturn> returns, IPublishEndpoint publish, CancellationToken cancellationToken)
    {
        var known = await KnownAsync(returns.Select(r => r.Return.ReturnNumber!), cancellationToken);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(znode.Value.TimeZone);
        int published = 0, skipped = 0, already = 0;
        foreach (var (item, order) in returns)
        {
            var number = item.ReturnNumber!;
            if (!known.Add(number))
            {
                already++;
                continue;
            }
            var currency = (order?.CurrencyCode ?? item.CurrencyCode)?.Trim().ToUpperInvariant();
            var reason = order is null ? $"Znode has no order {item.OrderNumber}"
                : string.IsNullOrEmpty(currency) ? $"neither order {item.OrderNumber} nor the return names a currency"
                : item.TotalReturnAmount <= 0 ? "the approved amount is not positive"
                // Paid by purchase order or cheque: there is no charge to refund, and the Stripe service would refuse it for good.
                : string.IsNullOrWhiteSpace(order.TransactionId) ? "order has no Stripe transaction id"
                : null;
            db.IntakeReturns.Add(new IntakeReturn
            {
                ReturnNumber = number,
                OrderNumber = item.OrderNumber ?? "",
                ReturnState = item.ReturnStatus ?? item.RmaReturnStateId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ApprovedAmount = item.TotalReturnAmount,
                Currency = currency is { Length: 3 } ? currency : null,
                Outcome = reason is null ? IntakeOutcomes.Published : IntakeOutcomes.Skipped,
                Reason = reason,
                RecordedAt = time.GetUtcNow().UtcDateTime,
            });
            var cause = CorrelationKey.ZnodeReturn(number);
            await audit.RecordAsync(cause, cause.ToString(), FlowNames.ZnodeReturn, nameof(ZnodeReturnApproved), $"{Source} return {number}",
                $"return {number} of order {item.OrderNumber}, {item.ReturnStatus}, approved {item.TotalReturnAmount} {currency}",
                reason is null ? $"published {nameof(ZnodeReturnApproved)}" : $"skipped: {reason}", $"{number} {item.OrderNumber} {order?.TransactionId}".Trim(),
                cancellationToken);
            if (reason is not null)
            {
                skipped++;
                // Not an error of ours, but money a shopper is owed: someone must look at it.
                logger.LogWarning("Znode return {ReturnNumber} of order {OrderNumber} is approved but not refunded through Stripe: {Reason}", number, item.OrderNumber, reason);
                continue;
            }
            var approvedAt = (item.ModifiedDate ?? item.ReturnDate) is { } at ? ZnodeTime.ToOffset(at, zone) : time.GetUtcNow();
            await publish.Publish(new ZnodeReturnApproved
            {
                CorrelationId = CorrelationKey.ZnodeReturn(number).ToGuid(),
                ReturnNumber = number,
                OrderNumber = order!.OrderNumber ?? item.OrderNumber!,
                OmsOrderId = order.OmsOrderId,
                ApprovedAmount = item.TotalReturnAmount,
                CurrencyCode = currency!,
                ReturnState = (item.ReturnStatus ?? "").ToUpperInvariant(),
                ChargeId = order.TransactionId!.Trim(),
                ShopperEmail = order.Email ?? item.EmailId,
                ApprovedAt = approvedAt,
                Source = Source,
            }, context => context.ConversationId = AuditIds.ConversationOf(cause.ToString()), cancellationToken);
            published++;
            logger.LogInformation("Znode return {ReturnNumber} of order {OrderNumber} taken in: ZnodeReturnApproved {Amount} {Currency}", number, item.OrderNumber, item.TotalReturnAmount, currency);
        }
        return new IntakeResult(published, skipped, already);
    }
}
