using System.Globalization;
using MassTransit;
using Payments.Contracts.CustomerSync;
using Payments.Domain.Customers;
using Payments.StripeService.Client;
using Stripe;

namespace Payments.StripeService.CustomerSync;

/// <summary>
/// Reads the Stripe customer as it is now and reports it as a <see cref="StripeCustomerReported"/> snapshot stamped with the time of
/// the read (<see cref="RereadStripeCustomer.ReportEventType"/>): the customer saga asks when two reports of one second tied, and the
/// read, later than both, settles each field to what Stripe holds. Only the fields the object carries are reported: tax ids only when Stripe includes them (they are not expanded: the Stripe fake refuses
/// <c>expand[]=tax_ids</c>), so a tie of tax ids is left to the rule.
/// </summary>
public sealed class RereadStripeCustomerConsumer(StripeClient stripe, TimeProvider time, ILogger<RereadStripeCustomerConsumer> logger)
    : IConsumer<RereadStripeCustomer>
{
    public async Task Consume(ConsumeContext<RereadStripeCustomer> context)
    {
        var command = context.Message;
        var customer = await StripeCalls.RunAsync($"Reading Stripe customer {command.StripeCustomerId} ({command.Reason})",
            () => stripe.V1.Customers.GetAsync(command.StripeCustomerId, cancellationToken: context.CancellationToken),
            context.CancellationToken);
        var readAt = time.GetUtcNow();
        logger.LogInformation("Read Stripe customer {StripeCustomerId} back ({Reason})", command.StripeCustomerId, command.Reason);

        await context.Publish(new StripeCustomerReported
        {
            CorrelationId = command.CorrelationId,
            StripeCustomerId = command.StripeCustomerId,
            // One id per request of the saga: a redelivered command reports the same read.
            StripeEventId = $"reread:{command.StripeCustomerId}:r{command.Revision.ToString(CultureInfo.InvariantCulture)}",
            EventType = RereadStripeCustomer.ReportEventType,
            Deleted = customer.Deleted == true,
            Fields = customer.Deleted == true ? new Dictionary<string, string?>() : Fields(customer),
            Metadata = customer.Metadata ?? new Dictionary<string, string>(),
            CustomerCreatedAt = customer.Created == default ? readAt : new DateTimeOffset(customer.Created, TimeSpan.Zero),
            ReportedAt = readAt,
        });
    }

    /// <summary>The customer's fields by <see cref="CustomerFieldNames"/>, as the gateway maps a <c>customer.*</c> event's object.</summary>
    static Dictionary<string, string?> Fields(Customer customer)
    {
        var fields = new Dictionary<string, string?>
        {
            [CustomerFieldNames.Name] = customer.Name,
            [CustomerFieldNames.Email] = customer.Email,
            [CustomerFieldNames.Phone] = customer.Phone,
            [CustomerFieldNames.AddressLine1] = customer.Address?.Line1,
            [CustomerFieldNames.AddressLine2] = customer.Address?.Line2,
            [CustomerFieldNames.City] = customer.Address?.City,
            [CustomerFieldNames.Region] = customer.Address?.State,
            [CustomerFieldNames.PostalCode] = customer.Address?.PostalCode,
            [CustomerFieldNames.Country] = customer.Address?.Country,
            [CustomerFieldNames.DefaultPaymentMethod] = customer.InvoiceSettings?.DefaultPaymentMethodId,
        };
        if (customer.TaxIds?.Data is { } taxIds)
            fields[CustomerFieldNames.TaxIds] = CustomerTaxIds.Format(taxIds.Select(t => new CustomerTaxId(t.Type, t.Value)));
        return fields;
    }
}
