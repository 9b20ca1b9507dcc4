using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Payments.Contracts.Shared;
using Payments.Contracts.ZnodeOrderToCash;
using Payments.Persistence.Audit;
using Payments.ZnodeService.Client;
using Payments.ZnodeService.Data;

namespace Payments.ZnodeService.Intake;

/// <summary>What one call of <see cref="OrderIntake.TakeInAsync"/> did.</summary>
public readonly record struct IntakeResult(int Published, int Skipped, int AlreadyTaken);

/// <summary>
/// Takes Znode orders in, the poller's and the webhook's alike: an order not seen before is published as
/// <c>ZnodeOrderPlaced</c> (when its payment status awaits payment) or recorded as skipped, with a row keyed by its order number
/// in the same unit of work. The caller commits both together (the bus outbox for the poller, the consumer outbox for the
/// webhook), so an order is published once: a second sighting finds the row, and a concurrent one fails on its key and runs again.
/// Each order taken in is the audit trail's intake entry of its story (cause <c>znode-order:N</c>, the conversation its
/// <c>ZnodeOrderPlaced</c> carries); an audit database that cannot record it fails the page (or the webhook's message), which is taken
/// in again later (docs/operations.md, "Audit trail").
/// </summary>
public sealed class OrderIntake(ZnodeServiceDbContext db, IOptions<ZnodeIntakeOptions> options, IOptions<ZnodeOptions> znode, TimeProvider time,
    IntakeAuditing audit, ILogger<OrderIntake> logger)
{
    /// <summary>Order numbers among <paramref name="orderNumbers"/> already taken in.</summary>
    public async Task<HashSet<string>> KnownAsync(IEnumerable<string> orderNumbers, CancellationToken cancellationToken)
    {
        var numbers = orderNumbers.Distinct().ToList();
        var known = await db.IntakeOrders.Where(o => numbers.Contains(o.OrderNumber)).Select(o => o.OrderNumber).ToListAsync(cancellationToken);
        return [.. known];
    }

    /// <summary>Publishes (through <paramref name="publish"/>) and records the orders not yet taken in; the caller saves and commits.</summary>
    public async Task<IntakeResult> TakeInAsync(IReadOnlyList<ZnodeOrderModel> orders, string source, IPublishEndpoint publish, CancellationToken cancellationToken)
    {
        var known = await KnownAsync(orders.Select(o => o.OrderNumber!), cancellationToken);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(znode.Value.TimeZone);
        var statuses = options.Value.PaymentStatuses;
        int published = 0, skipped = 0, already = 0;
        foreach (var order in orders)
        {
            if (!known.Add(order.OrderNumber!))
            {
                already++;
                continue;
            }
            var awaitsPayment = statuses.Length == 0 || statuses.Any(s => string.Equals(s.Trim(), order.PaymentStatus?.Trim(), StringComparison.OrdinalIgnoreCase));
            var reason = awaitsPayment ? null : $"payment status '{order.PaymentStatus}' is not one of {ZnodeIntakeOptions.Section}:PaymentStatuses ({string.Join(", ", statuses)})";
            db.IntakeOrders.Add(new IntakeOrder
            {
                OrderNumber = order.OrderNumber!,
                OmsOrderId = order.OmsOrderId,
                Source = source,
                Outcome = awaitsPayment ? IntakeOutcomes.Published : IntakeOutcomes.Skipped,
                Reason = reason,
                RecordedAt = time.GetUtcNow().UtcDateTime,
            });
            await RecordIntakeAsync(order, source, awaitsPayment ? $"published {nameof(ZnodeOrderPlaced)}" : $"skipped: {reason}", cancellationToken);
            if (!awaitsPayment)
            {
                skipped++;
                logger.LogInformation("Znode order {OrderNumber} ({Source}) not taken into the flow: {Reason}", order.OrderNumber, source, reason);
                continue;
            }
            // The conversation set explicitly: every message and write that follows carries it, and the intake entry names it.
            var conversation = AuditIds.ConversationOf(CorrelationKey.ZnodeOrder(order.OrderNumber!).ToString());
            await publish.Publish(PlacedOrders.From(order, source, zone), context => context.ConversationId = conversation, cancellationToken);
            published++;
            logger.LogInformation("Znode order {OrderNumber} ({Source}) taken in: ZnodeOrderPlaced {Total} {Currency}", order.OrderNumber, source, order.Total, order.CurrencyCode);
        }
        return new IntakeResult(published, skipped, already);
    }

    Task RecordIntakeAsync(ZnodeOrderModel order, string source, string result, CancellationToken cancellationToken)
    {
        var cause = CorrelationKey.ZnodeOrder(order.OrderNumber!);
        return audit.RecordAsync(cause, cause.ToString(), FlowNames.ZnodeOrderToCash, nameof(ZnodeOrderPlaced), $"{source} order {order.OrderNumber}",
            $"order {order.OrderNumber} (oms {order.OmsOrderId}) {order.Total} {order.CurrencyCode}, payment status {order.PaymentStatus}", result,
            $"{order.OrderNumber} {order.OmsOrderId}", cancellationToken);
    }
}
