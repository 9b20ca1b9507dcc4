using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Payments.Contracts.CustomerSync;
using Payments.Domain.Customers;
using Payments.Persistence.Concurrency;
using Payments.ServiceDefaults.Failures;
using Payments.StripeService.Client;
using Payments.StripeService.Data;
using Stripe;

namespace Payments.StripeService.CustomerSync;

/// <summary>
/// Writes the fields a Znode account changed to the Stripe customer: only the fields given (an address field changes that part of
/// Stripe's <c>address</c> object, the country as ISO 3166-1 alpha-2 as <see cref="StripeAddressFolding"/> keeps it), with the
/// command's idempotency key, so a redelivered command is one update and one <c>customer.updated</c> in Stripe. A field this
/// service already wrote at a higher revision is skipped (<see cref="StripeCustomerUpdated.FieldsSkipped"/>): an older command,
/// redriven or overtaken, never overwrites a newer value. Answers <see cref="StripeCustomerUpdated"/>.
/// </summary>
public sealed class UpdateStripeCustomerConsumer(StripeClient stripe, StripeServiceDbContext db, TimeProvider time, ILogger<UpdateStripeCustomerConsumer> logger)
    : IConsumer<UpdateStripeCustomer>
{
    /// <summary>
    /// Fields the Stripe customer does not take from another system: credit terms are P21's (Stripe has no such field), tax ids are
    /// objects of their own (<c>/v1/customers/{id}/tax_ids</c>, not part of an update), and the default payment method is attached
    /// by the customer in Stripe. Asked for, they are listed as skipped.
    /// </summary>
    static readonly HashSet<string> NotWritable = [CustomerFieldNames.CreditTerms, CustomerFieldNames.TaxIds, CustomerFieldNames.DefaultPaymentMethod];

    public async Task Consume(ConsumeContext<UpdateStripeCustomer> context)
    {
        var command = context.Message;
        var unknown = command.Fields.Keys.Where(f => !CustomerFieldNames.All.Contains(f)).ToList();
        if (unknown.Count > 0)
            throw new PermanentFailureException(
                $"Stripe customer {command.StripeCustomerId} revision {command.Revision}: unknown field(s) {string.Join(", ", unknown)}; known: {string.Join(", ", CustomerFieldNames.All)}.",
                StripeFailures.System);

        var link = await db.CustomerLinks.SingleOrDefaultAsync(l => l.StripeCustomerId == command.StripeCustomerId, context.CancellationToken);
        if (link is null)
        {
            // No link copy yet (CustomerLinkChanged may come later): a row for the revisions only; version 0 lets any copy replace its ids.
            // Stored before Stripe is called, so a link copy inserted at the same moment collides here and not after the update.
            link = await db.AddAndStoreAsync(new CustomerLink { StripeCustomerId = command.StripeCustomerId, ChangedAt = time.GetUtcNow().UtcDateTime },
                context.CancellationToken);
        }
        var revisions = JsonSerializer.Deserialize<Dictionary<string, long>>(link.FieldRevisions) ?? [];

        List<string> written = [], skipped = [];
        foreach (var field in CustomerFieldNames.All.Where(command.Fields.ContainsKey))
        {
            if (NotWritable.Contains(field))
            {
                logger.LogInformation("Stripe customer {StripeCustomerId} revision {Revision}: {Field} is not written to Stripe", command.StripeCustomerId, command.Revision, field);
                skipped.Add(field);
            }
            else if (revisions.TryGetValue(field, out var stored) && stored > command.Revision)
            {
                logger.LogInformation("Stripe customer {StripeCustomerId}: {Field} of revision {Revision} skipped, written at revision {Stored} already",
                    command.StripeCustomerId, field, command.Revision, stored);
                skipped.Add(field);
            }
            else written.Add(field);
        }

        if (written.Count > 0)
        {
            var options = Options(command, written);
            // Stripe replays a key only for the same parameters: when fields are skipped the body differs from the command's first
            // delivery, so the key names what is written (the same for every delivery that skips the same fields).
            var key = skipped.Count == 0 ? command.IdempotencyKey : $"{command.IdempotencyKey}:{string.Join(',', written)}";
            await StripeCalls.RunAsync($"Updating Stripe customer {command.StripeCustomerId} (revision {command.Revision})",
                () => stripe.V1.Customers.UpdateAsync(command.StripeCustomerId, options, new RequestOptions { IdempotencyKey = key }, context.CancellationToken),
                context.CancellationToken);
            foreach (var field in written) revisions[field] = Math.Max(command.Revision, revisions.GetValueOrDefault(field));
            link.FieldRevisions = JsonSerializer.Serialize(new SortedDictionary<string, long>(revisions, StringComparer.Ordinal));
        }

        await context.Publish(new StripeCustomerUpdated
        {
            CorrelationId = command.CorrelationId,
            StripeCustomerId = command.StripeCustomerId,
            Revision = command.Revision,
            FieldsWritten = written,
            FieldsSkipped = skipped,
        });
    }

    /// <summary>The update with only <paramref name="fields"/>; a null value clears the field (Stripe's empty string).</summary>
    static CustomerUpdateOptions Options(UpdateStripeCustomer command, IReadOnlyList<string> fields)
    {
        var options = new CustomerUpdateOptions();
        string Value(string field) => command.Fields[field]?.Trim() ?? "";
        AddressOptions Address() => options.Address ??= new AddressOptions();
        foreach (var field in fields)
        {
            switch (field)
            {
                case CustomerFieldNames.Name:
                    options.Name = Value(field);
                    break;
                case CustomerFieldNames.Email:
                    options.Email = Value(field);
                    break;
                case CustomerFieldNames.Phone:
                    options.Phone = Value(field);
                    break;
                case CustomerFieldNames.AddressLine1:
                    Address().Line1 = Value(field);
                    break;
                case CustomerFieldNames.AddressLine2:
                    Address().Line2 = Value(field);
                    break;
                case CustomerFieldNames.City:
                    Address().City = Value(field);
                    break;
                case CustomerFieldNames.Region:
                    Address().State = Value(field);
                    break;
                case CustomerFieldNames.PostalCode:
                    Address().PostalCode = Value(field);
                    break;
                case CustomerFieldNames.Country:
                    Address().Country = Country(command, Value(field));
                    break;
            }
        }
        return options;
    }

    /// <summary>Stripe's address takes an ISO 3166-1 alpha-2 code; a name or alpha-3 code is turned into one, anything else refused.</summary>
    static string Country(UpdateStripeCustomer command, string value)
    {
        if (value.Length == 0) return value;
        return IsoCountries.TryAlpha2(value, out var alpha2)
            ? alpha2
            : throw new PermanentFailureException(
                $"Stripe customer {command.StripeCustomerId} revision {command.Revision}: country '{value}' is not an ISO 3166-1 country name or code; fix it in Znode and the next update goes through.",
                StripeFailures.System);
    }
}
