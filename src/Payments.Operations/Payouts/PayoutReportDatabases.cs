using Microsoft.EntityFrameworkCore;
using Payments.Persistence.Configuration;

namespace Payments.Operations.Payouts;

/// <summary>
/// The two databases a payout's report is read from, as the services name them: the sagas' (<c>ConnectionStrings:Sagas</c>, the
/// payout-reconciliation saga's row) and the Stripe service's (<c>ConnectionStrings:StripeService</c>, the payout's balance
/// transactions). The console needs read access to both and nothing more; without them it says so instead of a report.
/// </summary>
public sealed class PayoutReportDatabases(IConfiguration configuration)
{
    public const string Sagas = "Sagas";
    public const string StripeService = "StripeService";

    readonly DatabaseOptions _options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();

    /// <summary>The connection strings this console lacks, e.g. <c>ConnectionStrings:Sagas</c>; empty when reports can be read.</summary>
    public IReadOnlyList<string> Missing { get; } =
        [.. new[] { Sagas, StripeService }.Where(name => string.IsNullOrWhiteSpace(configuration.GetConnectionString(name))).Select(n => $"ConnectionStrings:{n}")];

    /// <summary>A plain context on <paramref name="name"/>'s database, for the report's SQL (no model of either service is needed).</summary>
    public DbContext Open(string name) =>
        new(new DbContextOptionsBuilder().UsePaymentsProvider(_options.Provider, _options.GetConnectionString(configuration, name)).Options);
}
