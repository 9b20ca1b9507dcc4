using System.Text.Json.Nodes;
using Payments.Simulators.Stripe.Account;
using Payments.Simulators.Stripe.Api;

namespace Payments.Simulators.Stripe.Resources;

/// <summary>
/// <c>/v1/balance_transactions</c>: retrieve and list (filters <c>payout</c> — automatic payouts only, the payout's own transaction
/// included —, <c>type</c>, <c>source</c>, <c>currency</c>), with <c>expand[]=source</c> / <c>expand[]=data.source</c> for reconciliation.
/// </summary>
sealed class BalanceTransactionsResource(StripeAccount account) : IStripeResource
{
    public void Map(StripeRouteBuilder routes)
    {
        routes.Get("balance_transactions.list", "/v1/balance_transactions", List);
        routes.Get("balance_transactions.retrieve", "/v1/balance_transactions/{id}", request =>
        {
            account.SettleDue();
            return StripeAnswers.Object(account, request, account.Require("balance_transaction", request.Route(), "balance transaction"));
        });
    }

    StripeResponse List(StripeRequest request)
    {
        var p = request.Parameters;
        account.SettleDue();
        IEnumerable<JsonObject> transactions = p.String("payout") is { } payout ? account.TransactionsOfPayout(payout) : account.Newest("balance_transaction");
        transactions = transactions.FilteredBy(p, "type").FilteredBy(p, "source");
        if (p.Currency() is { } currency) transactions = transactions.Where(t => (string?)t["currency"] == currency);
        return StripeAnswers.List(account, request, transactions, "/v1/balance_transactions", "balance transaction", "payout", "type", "source", "currency");
    }
}
