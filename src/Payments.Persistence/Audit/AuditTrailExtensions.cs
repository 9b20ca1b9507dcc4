using System.Text.RegularExpressions;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Payments.Persistence.Cleanup;
using Payments.Persistence.Configuration;
using Payments.ServiceDefaults.Configuration;

namespace Payments.Persistence.Audit;

public static partial class AuditTrailExtensions
{
    /// <summary>
    /// The audit trail: <see cref="IAuditTrail"/> on <see cref="AuditDbContext"/> (<c>Database:Provider</c>, connection string
    /// <c>Audit</c>, migrated at start-up), <c>Audit</c> options checked at start-up, and the removal of entries older than
    /// <c>Audit:Retention</c> every <c>Database:Cleanup:Interval</c> in batches of <c>Database:Cleanup:BatchSize</c>.
    /// </summary>
    public static IHostApplicationBuilder AddPaymentsAuditTrail(this IHostApplicationBuilder builder)
    {
        if (builder.Services.Any(d => d.ServiceType == typeof(IAuditTrail)))
            return builder;
        builder.AddPaymentsDbContext<AuditDbContext>(AuditDbContext.ConnectionStringName);
        builder.Services.AddPaymentsAuditTrail();
        builder.Services.PostConfigure<AuditOptions>(o => o.Service ??= ServiceName(builder.Environment.ApplicationName));
        return builder;
    }

    /// <summary>The trail, its options and its retention, on an <see cref="AuditDbContext"/> registered by the caller (tests, tools).</summary>
    public static IServiceCollection AddPaymentsAuditTrail(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddValidatedOptions<AuditOptions>(AuditOptions.Section);
        services.TryAddSingleton<IAuditTrail, EfAuditTrail>();
        services.TryAddScoped(typeof(AuditScopeFilter<>));
        // The audit database's own cleanup: only the retention sweep (it has no inbox or outbox).
        services.AddValidatedOptions<OutboxCleanupOptions<AuditDbContext>>(OutboxCleanupOptions<AuditDbContext>.Section);
        services.AddPaymentsCleanupSweep<AuditDbContext, AuditRetentionSweep>();
        services.AddHostedService<OutboxCleanupService<AuditDbContext>>();
        return services;
    }

    /// <summary>Records this client's writes to <paramref name="system"/> (<see cref="AuditSystems"/>) with <see cref="AuditingHandler"/>.</summary>
    public static IHttpClientBuilder AddAuditTrail(this IHttpClientBuilder http, string system) =>
        http.AddHttpMessageHandler(services => new AuditingHandler(
            services.GetRequiredService<IAuditTrail>(),
            services.GetRequiredService<IOptions<AuditOptions>>().Value.Service ?? ServiceName(services.GetRequiredService<IHostEnvironment>().ApplicationName),
            system,
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILogger<AuditingHandler>>()));

    /// <summary>Every receive endpoint sets the <see cref="AuditScope"/> of the message it handles (<see cref="AuditScopeFilter{T}"/>).</summary>
    public static IBusRegistrationConfigurator AddAuditScope(this IBusRegistrationConfigurator bus)
    {
        bus.AddConfigureEndpointsCallback((context, _, endpoint) => endpoint.UseConsumeFilter(typeof(AuditScopeFilter<>), context));
        return bus;
    }

    /// <summary><c>Payments.P21Service</c> → <c>p21-service</c>.</summary>
    public static string ServiceName(string applicationName)
    {
        var name = applicationName.StartsWith("Payments.", StringComparison.Ordinal) ? applicationName["Payments.".Length..] : applicationName;
        return WordStart().Replace(name, "-$1").ToLowerInvariant();
    }

    [GeneratedRegex(@"(?<=[a-z0-9])([A-Z])")]
    private static partial Regex WordStart();
}
