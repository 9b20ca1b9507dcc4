using System.Collections.Concurrent;
using MassTransit;
using Payments.Contracts.StripeSubscription;
using Payments.ServiceDefaults.Failures;

namespace Payments.Sagas.Tests.StripeSubscription;

/// <summary>What the stand-ins answer: the steps the outside system refuses (by command name).</summary>
public sealed class SubscriptionWorld
{
    public ConcurrentDictionary<string, string> Refusals { get; } = new();

    public void Refuse(string step, string message) => Refusals[step] = message;

    public void ThrowIfRefused(string step, string system)
    {
        if (Refusals.TryGetValue(step, out var message))
            throw new PermanentFailureException(message, system);
    }

    public static string DocumentOf(string invoiceId) => $"SO-{invoiceId}";
}

/// <summary>Answers DescribeSubscriptionInvoice as the Stripe service does: the invoice with its lines (a proration credit and the new plan).</summary>
public class DescribingSubscriptionInvoices(SubscriptionWorld world) : IConsumer<DescribeSubscriptionInvoice>
{
    public Task Consume(ConsumeContext<DescribeSubscriptionInvoice> context)
    {
        world.ThrowIfRefused(nameof(DescribeSubscriptionInvoice), "Stripe");
        return context.Publish(Described(context.Message.CorrelationId, context.Message.SubscriptionId, context.Message.InvoiceId));
    }

    public static SubscriptionInvoiceDescribed Described(Guid correlationId, string subscriptionId, string invoiceId) => new()
    {
        CorrelationId = correlationId,
        Invoice = new SubscriptionInvoice
        {
            InvoiceId = invoiceId, Number = $"N-{invoiceId}", SubscriptionId = subscriptionId, StripeCustomerId = SubscriptionSpec.CustomerId, Currency = "USD",
            TotalMinor = 4_000, AmountDueMinor = 4_000, AmountPaidMinor = 4_000, BillingReason = "subscription_update",
            Lines =
            [
                new SubscriptionInvoiceLine { LineId = "il_1", AmountMinor = -1_000, PriceId = "price_basic", ProductId = "prod_basic", Proration = true },
                new SubscriptionInvoiceLine { LineId = "il_2", AmountMinor = 5_000, PriceId = "price_pro", ProductId = "prod_pro", Proration = true },
            ],
        },
    };
}

/// <summary>Answers the P21 steps as the P21 service does when P21 accepts them.</summary>
public class PostingSubscriptionInvoices(SubscriptionWorld world) : IConsumer<PostSubscriptionInvoice>, IConsumer<RecordSubscriptionPaymentFailure>
{
    public Task Consume(ConsumeContext<PostSubscriptionInvoice> context)
    {
        world.ThrowIfRefused(nameof(PostSubscriptionInvoice), "P21");
        return context.Publish(Posted(context.Message.CorrelationId, context.Message.Invoice));
    }

    public Task Consume(ConsumeContext<RecordSubscriptionPaymentFailure> context)
    {
        world.ThrowIfRefused(nameof(RecordSubscriptionPaymentFailure), "P21");
        return context.Publish(new SubscriptionPaymentFailureRecorded
        {
            CorrelationId = context.Message.CorrelationId, SubscriptionId = context.Message.SubscriptionId, InvoiceId = context.Message.InvoiceId,
            Action = context.Message.Action, P21CustomerId = 100_200, AlreadyRecorded = false,
        });
    }

    public static SubscriptionInvoicePosted Posted(Guid correlationId, SubscriptionInvoice invoice) => new()
    {
        CorrelationId = correlationId, SubscriptionId = invoice.SubscriptionId, InvoiceId = invoice.InvoiceId, P21CustomerId = 100_200, DocumentKind = "SalesOrder",
        DocumentNumber = SubscriptionWorld.DocumentOf(invoice.InvoiceId), AlreadyExisted = false, TotalMinor = invoice.TotalMinor, Currency = invoice.Currency,
        LineCount = invoice.Lines.Count,
    };
}
