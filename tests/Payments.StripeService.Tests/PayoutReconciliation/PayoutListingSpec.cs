using System.Text.Json.Nodes;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Payments.Contracts.PayoutReconciliation;
using Payments.Contracts.Shared;
using Payments.StripeService.Data;
using Payments.StripeService.PayoutReconciliation;

namespace Payments.StripeService.Tests.PayoutReconciliation;

/// <summary>What the payout listing tests share: the command for a payout of the fake, sending it, and reading what the service kept.</summary>
static class PayoutListingSpec
{
    public static ListPayoutTransactions Command(JsonObject payout, int run = 1) => new()
    {
        CorrelationId = CorrelationKey.StripePayout((string)payout["id"]!).ToGuid(),
        PayoutId = (string)payout["id"]!,
        Run = run,
        AmountMinor = (long)payout["amount"]!,
        Currency = ((string)payout["currency"]!).ToUpperInvariant(),
        Automatic = (bool)payout["automatic"]!,
        ArrivalDate = DateTimeOffset.FromUnixTimeSeconds((long)payout["arrival_date"]!),
    };

    /// <summary>Sends the command as the saga does and waits for the answer of its run to reach a subscriber.</summary>
    public static async Task<PayoutTransactionsListed> ListAsync(this StripeServiceHost service, ListPayoutTransactions command)
    {
        await service.Harness.Bus.Publish(command);
        return await service.AnsweredAsync(command);
    }

    /// <summary>Waits (a minute at most) for the answer of the command's run to reach a subscriber.</summary>
    public static async Task<PayoutTransactionsListed> AnsweredAsync(this StripeServiceHost service, ListPayoutTransactions command)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            if (Answer(service, command) is { } listed) return listed;
            await Task.Delay(100);
        }
        return Answer(service, command) ?? throw new AssertionException($"No PayoutTransactionsListed for {command.PayoutId} run {command.Run} within a minute.");
    }

    public static PayoutTransactionsListed? Answer(StripeServiceHost service, ListPayoutTransactions command) =>
        service.Harness.Consumed.Select<PayoutTransactionsListed>()
            .Select(c => c.Context.Message)
            .FirstOrDefault(m => m.PayoutId == command.PayoutId && m.Run == command.Run);

    /// <summary>The capability alone, in a scope of its own, as a consumer would call it.</summary>
    public static async Task<PayoutListingResult?> ListDirectlyAsync(this StripeServiceHost service, ListPayoutTransactions command, int? maxPages = null)
    {
        await using var scope = service.Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PayoutTransactions>().ListAsync(command, maxPages);
    }

    public static async Task<List<PayoutTransactionLine>> LinesAsync(this StripeServiceHost service, string payoutId)
    {
        await using var scope = service.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StripeServiceDbContext>();
        return await db.PayoutTransactionLines.AsNoTracking().Where(l => l.PayoutId == payoutId)
            .OrderBy(l => l.Created).ThenBy(l => l.BalanceTransactionId).ToListAsync();
    }

    public static async Task<PayoutListing?> ListingAsync(this StripeServiceHost service, string payoutId)
    {
        await using var scope = service.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StripeServiceDbContext>();
        return await db.PayoutListings.AsNoTracking().SingleOrDefaultAsync(l => l.PayoutId == payoutId);
    }

    /// <summary>How many pages of balance transactions the service asked the fake for.</summary>
    public static int ListCalls(this StripeServiceHost service) =>
        service.Stripe.Requests.Count(r => r.Method == "GET" && r.Path == "/v1/balance_transactions");
}
