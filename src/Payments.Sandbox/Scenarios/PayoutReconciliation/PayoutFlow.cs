using System.Text;
using System.Text.Json.Nodes;
using Payments.Cli;
using Payments.Contracts.Shared;
using Payments.Sagas.PayoutReconciliation;
using Payments.Sandbox.Scenarios.ChargeToOrder;
using Payments.Simulators.P21.Store;

namespace Payments.Sandbox.Scenarios.PayoutReconciliation;

/// <summary>
/// Drives payouts as Stripe makes them: sales become P21 orders first (the charge-to-order flow), their funds settle, and Stripe's
/// automatic payout takes every available balance transaction (the fake sends its signed <c>payout.created</c>, <c>payout.paid</c> and
/// <c>payout.reconciliation_completed</c> to the gateway). The report is written by the CLI itself, on the sandbox's databases.
/// </summary>
public sealed class PayoutFlow(SandboxHost sandbox)
{
    static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    public async Task<ChargeToOrderReport> SellAsync() => await new ChargeFlow(sandbox).RunAsync(sandbox.Options.ScenarioTimeout);

    /// <summary>
    /// Pays out whatever earlier scenarios left in the balance, so the scenario's own payout holds only what it makes. Those payouts are
    /// reconciled like any other (a charge of an earlier failure scenario has no order and is flagged there, not here).
    /// </summary>
    public IReadOnlyList<string> PayOutEarlierBalance()
    {
        sandbox.Stripe.Account.SettleAll();
        return [.. sandbox.Stripe.Account.RunPayouts("usd").Select(p => (string)p["id"]!)];
    }

    /// <summary>Settles the funds and runs Stripe's automatic payout in USD; <paramref name="amountSkewMinor"/> injects a mismatch.</summary>
    public JsonObject? PayOut(long amountSkewMinor = 0)
    {
        sandbox.Stripe.Account.SettleAll();
        return sandbox.Stripe.Account.RunPayouts("usd", amountSkewMinor).SingleOrDefault();
    }

    /// <summary>Polls the saga's row until <paramref name="until"/> holds, the flow fails, or the scenario's time runs out.</summary>
    public async Task<PayoutState?> WaitForSagaAsync(string payoutId, Func<PayoutState, bool> until)
    {
        var correlationId = CorrelationKey.StripePayout(payoutId).ToGuid();
        var deadline = DateTime.UtcNow + sandbox.Options.ScenarioTimeout;
        PayoutState? saga = null;
        while (DateTime.UtcNow < deadline)
        {
            saga = await SagaRows.ReadAsync<PayoutState>(sandbox, correlationId);
            if (saga is not null && (until(saga) || saga.CurrentState is "Failed")) return saga;
            await Task.Delay(Poll);
        }
        return saga;
    }

    /// <summary>The P21 journal lines that carry the payout's reference (<c>payout:po_…</c>).</summary>
    public IReadOnlyList<P21GlLineRecord> Journal(string payoutId) =>
        [.. sandbox.P21.Store.Ledger.Lines.Where(l => string.Equals(l.Source, "payout:" + payoutId, StringComparison.Ordinal))];

    /// <summary>Runs <c>payments …</c> with the sandbox's own settings (its databases); the exit code and what it wrote.</summary>
    public Task<(int ExitCode, string Output, string Error)> CliAsync(params string[] args) => SandboxCli.RunAsync(sandbox, args);

    /// <summary>Writes the payout's report as CSV and HTML into the sandbox's data directory; returns the two paths.</summary>
    public async Task<(string Csv, string Html, string Error)> WriteReportsAsync(string payoutId)
    {
        var directory = Path.Combine(sandbox.Options.DataDirectory, "reports");
        Directory.CreateDirectory(directory);
        var csv = Path.Combine(directory, payoutId + ".csv");
        var html = Path.Combine(directory, payoutId + ".html");
        var errors = new StringBuilder();
        foreach (var (format, path) in new[] { ("csv", csv), ("html", html) })
        {
            var (exit, _, error) = await CliAsync("payouts", "report", payoutId, "--format", format, "--output", path);
            if (exit != ExitCodes.Done) errors.Append(error.Trim()).Append(' ');
        }
        return (csv, html, errors.ToString().Trim());
    }
}
