using Payments.Contracts.ChargeToOrder;

namespace Payments.P21Service.SalesOrders;

/// <summary>
/// The sales order for a payment, created or found, and how the order P21 kept differs from what was sent (empty: it does not).
/// A difference is announced as <see cref="P21OrderDiscrepancyFound"/> instead of <see cref="P21OrderPosted"/>: the order needs a person.
/// <see cref="Customer"/> is how the customer was resolved (null when the order existed already).
/// </summary>
public sealed record SalesOrderOutcome(P21OrderPosted Posted, IReadOnlyList<string> Differences, Customers.ResolvedCustomer? Customer = null)
{
    public P21OrderDiscrepancyFound? Discrepancy => Differences.Count == 0
        ? null
        : new P21OrderDiscrepancyFound
        {
            CorrelationId = Posted.CorrelationId, ChargeId = Posted.ChargeId, OrderNo = Posted.OrderNo, CustomerId = Posted.CustomerId,
            CustomerCreated = Posted.CustomerCreated, Differences = Differences,
        };
}
