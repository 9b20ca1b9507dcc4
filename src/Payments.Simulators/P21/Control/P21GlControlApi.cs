using Microsoft.AspNetCore.Http;
using Payments.Simulators.P21.Store;
using Payments.Simulators.Shared.Control;
using Payments.Simulators.Shared.Routing;

namespace Payments.Simulators.P21.Control;

/// <summary>The general ledger under <c>/_sim</c>: the entries posted (lines grouped by transaction number), the chart of accounts, and seeding an account.</summary>
sealed class P21GlControlApi(P21Ledger ledger) : ISimulatorResource
{
    public void Map(SimulatorRouteBuilder routes)
    {
        routes.Get("gl.entries", "/gl", http => ControlJson.WriteAsync(http, ledger.Lines
            .GroupBy(l => l.TransactionNumber)
            .Select(entry => new { TransactionNumber = entry.Key, Balanced = entry.Sum(l => l.Amount) == 0m, Lines = entry.ToList() })));
        routes.Get("gl.accounts", "/gl/accounts", http => ControlJson.WriteAsync(http, ledger.Accounts));
        routes.Post("gl.accounts.seed", "/gl/accounts", SeedAccount);
    }

    async Task SeedAccount(HttpContext http)
    {
        if (await ControlJson.ReadAsync<P21GlAccountRecord>(http) is not { } account) return;
        if (string.IsNullOrWhiteSpace(account.AccountNumber) || account.AccountNumber.Length > 32)
        {
            await ControlJson.ErrorAsync(http, StatusCodes.Status400BadRequest, "accountNumber is required (at most 32 characters).");
            return;
        }
        try
        {
            await ControlJson.WriteAsync(http, ledger.AddAccount(account), StatusCodes.Status201Created);
        }
        catch (InvalidOperationException e)
        {
            await ControlJson.ErrorAsync(http, StatusCodes.Status409Conflict, e.Message);
        }
    }
}
