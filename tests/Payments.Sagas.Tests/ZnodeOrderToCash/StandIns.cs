using MassTransit;
using Payments.Contracts.ZnodeOrderToCash;
using Payments.Domain.Znode;
using Payments.ServiceDefaults.Failures;

namespace Payments.Sagas.Tests.ZnodeOrderToCash;

/// <summary>Answers CreateZnodeOrderPaymentIntent as the Stripe service does: refuses bad order data with the reason, else announces the intent.</summary>
public class CheckingStripe : IConsumer<CreateZnodeOrderPaymentIntent>
{
    public static string PaymentIntentOf(string orderNumber) => $"pi_{orderNumber}";

    public Task Consume(ConsumeContext<CreateZnodeOrderPaymentIntent> context)
    {
        var order = context.Message;
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(order.Shopper.Email)) problems.Add("the order has no shopper e-mail");
        if (!ZnodeMoney.TryToStripe(order.Total, order.CurrencyCode, out var amount, out var refusal)) problems.Add(refusal);
        if (problems.Count > 0)
            throw new PermanentFailureException($"Znode order {order.OrderNumber} was not sent to Stripe: {string.Join("; ", problems)}.");
        return context.Publish(new ZnodeOrderPaymentIntentCreated
        {
            CorrelationId = order.CorrelationId, OrderNumber = order.OrderNumber, PaymentIntentId = PaymentIntentOf(order.OrderNumber),
            StripeCustomerId = "cus_spec_1", CustomerCreated = true, ClientSecret = $"{PaymentIntentOf(order.OrderNumber)}_secret_x",
            AmountMinor = amount.Minor, Currency = amount.Currency,
        });
    }
}

/// <summary>Answers every Znode-side command as the Znode service does when Znode accepts it.</summary>
public class AcceptingZnode : IConsumer<OfferZnodeOrderPayment>, IConsumer<RecordZnodeOrderPayment>, IConsumer<RecordZnodeOrderDecline>,
    IConsumer<RemindZnodeOrderPayment>, IConsumer<CancelUnpaidZnodeOrder>
{
    public Task Consume(ConsumeContext<OfferZnodeOrderPayment> context) => context.Publish(new ZnodeOrderPaymentOffered
    {
        CorrelationId = context.Message.CorrelationId, OrderNumber = context.Message.OrderNumber, WrittenToOrder = true, Emailed = true,
    });

    public Task Consume(ConsumeContext<RecordZnodeOrderPayment> context) => context.Publish(new ZnodeOrderPaymentRecorded
    {
        CorrelationId = context.Message.CorrelationId, OrderNumber = context.Message.OrderNumber, PaymentStatus = ZnodePaymentStatuses.Captured,
        OrderState = ZnodeOrderStates.Submitted.Name,
    });

    public Task Consume(ConsumeContext<RecordZnodeOrderDecline> context) => context.Publish(new ZnodeOrderDeclineRecorded
    {
        CorrelationId = context.Message.CorrelationId, OrderNumber = context.Message.OrderNumber, ShopperNotified = true,
    });

    public Task Consume(ConsumeContext<RemindZnodeOrderPayment> context) => context.Publish(new ZnodeOrderPaymentReminded
    {
        CorrelationId = context.Message.CorrelationId, OrderNumber = context.Message.OrderNumber, Emailed = true,
    });

    public Task Consume(ConsumeContext<CancelUnpaidZnodeOrder> context) => context.Publish(new UnpaidZnodeOrderCanceled
    {
        CorrelationId = context.Message.CorrelationId, OrderNumber = context.Message.OrderNumber, OrderState = ZnodeOrderStates.Canceled.Name,
    });
}

/// <summary>Answers PostZnodeOrderJournal as the P21 service does once the entry is in the ledger.</summary>
public class PostingP21Journal : IConsumer<PostZnodeOrderJournal>
{
    public const string TransactionNumber = "880001";

    public Task Consume(ConsumeContext<PostZnodeOrderJournal> context) => context.Publish(new ZnodeOrderJournalPosted
    {
        CorrelationId = context.Message.CorrelationId, OrderNumber = context.Message.OrderNumber, JournalReference = TransactionNumber, AlreadyExisted = false,
    });
}

/// <summary>Refuses PostZnodeOrderJournal as the P21 service does when P21 answers "Records do not balance".</summary>
public class RefusingP21Journal : IConsumer<PostZnodeOrderJournal>
{
    public const string Message = "P21 refused the journal entry of Znode order ZN-1001: Records do not balance";

    public Task Consume(ConsumeContext<PostZnodeOrderJournal> context) => throw new PermanentFailureException(Message, "P21");
}
