using MassTransit.Logging;
using MassTransit.Monitoring;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Payments.ServiceDefaults.Configuration;

namespace Payments.ServiceDefaults;

/// <summary>What every Payments service shares: secrets from mounted files, telemetry, health endpoints. One call each, as in eShop's ServiceDefaults.</summary>
public static class HostDefaults
{
    /// <summary>Our own ActivitySource and Meter; services add spans and counters under this name.</summary>
    public const string TelemetryName = "Payments";

    /// <summary><c>true</c>: the metrics are also served for Prometheus to scrape, at <c>/metrics</c>.</summary>
    public const string PrometheusEnabledKey = "Telemetry:Prometheus:Enabled";

    /// <summary>
    /// Log levels a service starts from; <c>Logging:LogLevel:*</c> in any configuration source overrides them. At Information,
    /// EF Core writes every SQL command, ASP.NET Core two lines per request and HttpClient four per outbound call: on the hot
    /// path that is more CPU than the work it describes, and the outcome of each call is logged by our own code anyway.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string?> DefaultLogLevels = new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
        ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning",
    };

    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        // First source, so that appsettings, environment variables and the command line still decide.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = DefaultLogLevels });
        builder.Configuration.AddSecretFiles();
        builder.AddPaymentsTelemetry();
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        return builder;
    }

    public static IHostApplicationBuilder AddPaymentsTelemetry(this IHostApplicationBuilder builder)
    {
        var serviceName = builder.Configuration["OTEL_SERVICE_NAME"] ?? builder.Environment.ApplicationName;
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName))
            .WithTracing(tracing => tracing
                .AddSource(DiagnosticHeaders.DefaultListenerName) // MassTransit's ActivitySource
                .AddSource(TelemetryName)
                .AddAspNetCoreInstrumentation(o => o.Filter = ctx => !IsProbe(ctx.Request.Path))
                .AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics
                .AddMeter(InstrumentationOptions.MeterName) // MassTransit's Meter
                .AddMeter(TelemetryName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation());

        if (builder.Configuration.GetValue<bool>(PrometheusEnabledKey))
            otel.WithMetrics(metrics => metrics.AddPrometheusExporter());

        // Export only where a collector is configured, so a laptop run stays quiet.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            otel.UseOtlpExporter();
        return builder;
    }

    /// <summary><c>/health</c>: every check (broker, database, ...); <c>/alive</c>: the process answers.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health");
        app.MapHealthChecks("/alive", new HealthCheckOptions { Predicate = r => r.Tags.Contains("live") });
        if (app.Configuration.GetValue<bool>(PrometheusEnabledKey))
            app.MapPrometheusScrapingEndpoint(); // /metrics
        return app;
    }

    static bool IsProbe(Microsoft.AspNetCore.Http.PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/alive") || path.StartsWithSegments("/metrics");
}
