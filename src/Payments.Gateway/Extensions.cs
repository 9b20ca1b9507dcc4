using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Payments.Gateway.Data;
using Payments.Gateway.Webhooks;

namespace Payments.Gateway;

public static class Extensions
{
    /// <summary>Gateway options (validated at start-up), signature verification, the event-id database. The bus is added by the host.</summary>
    public static IHostApplicationBuilder AddGateway(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>();
        builder.Services.AddOptions<GatewayOptions>()
            .Bind(builder.Configuration.GetSection(GatewayOptions.Section))
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<StripeSignatureVerifier>();
        builder.Services.AddSingleton<GatewayMetrics>();
        builder.Services.AddScoped<StripeWebhookReceiver>();
        builder.Services.AddProblemDetails();
        builder.AddGatewayDatabase();
        return builder;
    }

    public static IEndpointRouteBuilder MapStripeWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapPost("/webhooks/stripe", (HttpContext http, [FromServices] StripeWebhookReceiver receiver) =>
                receiver.ReceiveAsync(http.Request, http.RequestAborted))
            .WithName("StripeWebhook");
        return app;
    }
}
