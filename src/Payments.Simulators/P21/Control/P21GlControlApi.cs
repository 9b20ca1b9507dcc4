using Microsoft.AspNetCore.Http;
using Payments.Simulators.P21.Store;
using Payments.Simulators.Shared.Control;
using Payments.Simulators.Shared.Routing;

namespace Payments.Simulators.P21.Control;

/// <summary>The general ledger under <c>/_sim</c>: the entries posted (lines grouped by transaction number), the chart of accounts, seeding an account, and closing or reopening a period.</summary>
sealed class P21GlControlApi(P21Ledger ledger) : ISimulatorResource
{
    public void Map(SimulatorRouteBuilder routes)
    {
        routes.Get("gl.entries", "/gl", http => ControlJson.WriteAsync(http, ledger.Lines
            .GroupBy(l => l.TransactionNumber)
            .Select(entry => new { TransactionNumber = entry.Key, Balanced = entry.Sum(l => l.Amount) == 0m, Lines = entry.ToList() })));
        routes.Get("gl.accounts", "/gl/accounts", http => ControlJson.WriteAsync(http, ledger.Accounts));
        routes.Post("gl.accounts.seed", "/gl/accounts", SeedAccount);
        routes.Get("gl.periods", "/gl/periods", http => ControlJson.WriteAsync(http, ClosedPeriods()));
        routes.Put("gl.periods.set", "/gl/periods", SetPeriod);
    }

    object ClosedPeriods() => new { Closed = ledger.ClosedPeriods.Select(p => p.ToString()) };

    async Task SetPeriod(HttpContext http)
    {
        if (await ControlJson.ReadAsync<SetGlPeriodRequest>(http) is not { } request) return;
        if (P21GlPeriod.Parse(request.Period) is not { } period)
        {
            await ControlJson.ErrorAsync(http, StatusCodes.Status400BadRequest, "period is required as yyyy-pp (year_for_period-period, e.g. 2026-03).");
            return;
        }
        ledger.SetClosed(period, request.Closed);
        await ControlJson.WriteAsync(http, ClosedPeriods());
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
