using System.Collections.Concurrent;
using MassTransit;
using Payments.Contracts.CustomerSync;
using Payments.ServiceDefaults.Failures;

namespace Payments.Sagas.Tests.CustomerSync;

/// <summary>
/// What the stand-ins answer: the ids P21 and Znode find, the credit terms P21 keeps, the steps a system refuses (by command name) and the steps
/// whose answer a spec publishes itself.
/// </summary>
public sealed class CustomerWorld
{
    public const long FoundP21CustomerId = 100_200;
    public const int FoundZnodeUserId = 77;

    public ConcurrentDictionary<string, string> Refusals { get; } = new();
    public ConcurrentDictionary<string, bool> Held { get; } = new();
    public string CreditTerms { get; set; } = "NET30";
    public DateTimeOffset P21ModifiedAt { get; set; } = CustomerSpec.T0.AddMinutes(1);
    /// <summary>Set: Znode answers a write with the fields as written and this modified date, as the Znode service does.</summary>
    public DateTimeOffset? ZnodeModifiedAt { get; set; }

    public void Refuse(string step, string message) => Refusals[step] = message;

    public void ThrowIfRefused(string step, string system)
    {
        if (Refusals.TryGetValue(step, out var message))
            throw new PermanentFailureException(message, system);
    }
}

/// <summary>Answers SyncP21Customer as the P21 service does: the linked (or found) customer, the fields written, and what P21 holds afterwards.</summary>
public class SyncingP21Customers(CustomerWorld world) : IConsumer<SyncP21Customer>
{
    public Task Consume(ConsumeContext<SyncP21Customer> context)
    {
        var command = context.Message;
        world.ThrowIfRefused(nameof(SyncP21Customer), "P21");
        if (world.Held.ContainsKey(nameof(SyncP21Customer))) return Task.CompletedTask;
        return context.Publish(Synced(command, world.CreditTerms, world.P21ModifiedAt));
    }

    public static P21CustomerSynced Synced(SyncP21Customer command, string creditTerms, DateTimeOffset modifiedAt) => new()
    {
        CorrelationId = command.CorrelationId,
        StripeCustomerId = command.StripeCustomerId,
        P21CustomerId = command.P21CustomerId ?? CustomerWorld.FoundP21CustomerId,
        Created = false,
        MatchedBy = command.P21CustomerId is null ? "email" : "link",
        Revision = command.Revision,
        FieldsWritten = [.. command.Fields.Keys],
        // P21 holds the record as written, and the credit terms it owns.
        Fields = new Dictionary<string, string?>(command.Record.Where(f => f.Key != CustomerFieldNames.DefaultPaymentMethod))
        {
            [CustomerFieldNames.CreditTerms] = creditTerms,
        },
        ModifiedAt = modifiedAt,
    };
}

/// <summary>Answers SyncZnodeAccount as the Znode service does: the linked user, else the one found by e-mail.</summary>
public class SyncingZnodeAccounts(CustomerWorld world) : IConsumer<SyncZnodeAccount>
{
    public Task Consume(ConsumeContext<SyncZnodeAccount> context)
    {
        var command = context.Message;
        world.ThrowIfRefused(nameof(SyncZnodeAccount), "Znode");
        if (world.Held.ContainsKey(nameof(SyncZnodeAccount))) return Task.CompletedTask;
        return context.Publish(new ZnodeAccountSynced
        {
            CorrelationId = command.CorrelationId,
            StripeCustomerId = command.StripeCustomerId,
            ZnodeUserId = command.ZnodeUserId ?? CustomerWorld.FoundZnodeUserId,
            MatchedBy = command.ZnodeUserId is null ? "email" : "link",
            Revision = command.Revision,
            FieldsWritten = [.. command.Fields.Keys],
            Fields = world.ZnodeModifiedAt is null ? new Dictionary<string, string?>() : command.Fields,
            ModifiedAt = world.ZnodeModifiedAt,
        });
    }
}

/// <summary>Answers UpdateStripeCustomer as the Stripe service does.</summary>
public class UpdatingStripeCustomers(CustomerWorld world) : IConsumer<UpdateStripeCustomer>
{
    public Task Consume(ConsumeContext<UpdateStripeCustomer> context)
    {
        var command = context.Message;
        world.ThrowIfRefused(nameof(UpdateStripeCustomer), "Stripe");
        return context.Publish(new StripeCustomerUpdated
        {
            CorrelationId = command.CorrelationId, StripeCustomerId = command.StripeCustomerId, Revision = command.Revision, FieldsWritten = [.. command.Fields.Keys],
        });
    }
}
