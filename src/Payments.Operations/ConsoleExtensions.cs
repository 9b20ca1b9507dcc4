using MassTransit;
using Payments.Operations.Auth;
using Payments.Operations.FlowRuns;
using Payments.Operations.Payouts;
using Payments.Persistence.Configuration;

namespace Payments.Operations;

/// <summary>
/// The operations console: server-rendered Razor Pages (no JavaScript) over the flow runs it projects (<see cref="FlowRunProjection"/>),
/// a payment's audit trail, redrive from the <c>_error</c> queues, payout reports and the dependencies' health; signed-in users only
/// (<see cref="ConsoleAuthExtensions"/>).
/// </summary>
public static class ConsoleExtensions
{
    public static IHostApplicationBuilder AddOperationsConsole(this IHostApplicationBuilder builder)
    {
        builder.AddConsoleAuth();
        builder.AddPaymentsDbContext<ConsoleDbContext>(ConsoleDbContext.ConnectionStringName);
        builder.Services.AddScoped<FlowRunProjection>();
        // Scoped: it resolves the audit trail, which may be a scoped (DbContext-backed) service.
        builder.Services.AddScoped<FlowRunFaults>();
        builder.Services.TryAddSingletonTimeProvider();
        builder.Services.AddSingleton<PayoutReportDatabases>();
        builder.Services.AddRazorPages(pages =>
            {
                // Nothing of the console is anonymous but the log-in page itself.
                pages.Conventions.AuthorizeFolder("/");
                pages.Conventions.AllowAnonymousToPage("/Login");
            })
            // Hosted by another application (the sandbox), the pages are found in this assembly all the same.
            .AddApplicationPart(typeof(ConsoleExtensions).Assembly);
        return builder;
    }

    public static IBusRegistrationConfigurator AddOperationsConsoleConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<FlowRunConsumer>();
        return bus;
    }

    public static WebApplication MapOperationsConsole(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapRazorPages();
        app.MapPayoutReports();
        return app;
    }

    static void TryAddSingletonTimeProvider(this IServiceCollection services)
    {
        if (services.All(d => d.ServiceType != typeof(TimeProvider)))
            services.AddSingleton(TimeProvider.System);
    }
}
