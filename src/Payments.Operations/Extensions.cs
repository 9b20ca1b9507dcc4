using MassTransit;
using Payments.Operations.Alerts;
using Payments.Operations.Health;

namespace Payments.Operations;

/// <summary>
/// The operations service: the console (payments by flow and state, a payment's audit trail, redrive, payout reports,
/// the health of every dependency) and the alerts (failed flows, unbalanced payouts, disputes due soon, missed events,
/// a dependency that stays down) sent through the configured channels.
/// </summary>
public static class Extensions
{
    public static IHostApplicationBuilder AddOperations(this IHostApplicationBuilder builder)
    {
        builder.AddOperationsAlerts().AddOperationsHealth();
        builder.AddOperationsConsole();
        return builder;
    }

    /// <summary>The consumers of the events the console and the alerts follow.</summary>
    public static IBusRegistrationConfigurator AddOperationsConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddOperationsAlertConsumers();
        bus.AddOperationsConsoleConsumers();
        return bus;
    }

    public static WebApplication MapOperations(this WebApplication app)
    {
        app.MapOperationsConsole();
        return app;
    }
}
