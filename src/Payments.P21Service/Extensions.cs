using System.Net.Http.Headers;
using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Payments.P21Service.Api;
using Payments.P21Service.Configuration;
using Payments.P21Service.Consumers;
using Payments.P21Service.Data;
using Payments.P21Service.Http;
using Payments.P21Service.Orders;
using Payments.Persistence.Configuration;
using Payments.Persistence.Outbox;
using Refit;

namespace Payments.P21Service;

public static class Extensions
{
    /// <summary>
    /// P21 options (validated at start-up), the Refit clients with the token handler, the order posting logic, and the
    /// service's inbox/outbox database (<c>Database:Provider</c>, <c>ConnectionStrings:P21Service</c>, migrated at start-up).
    /// </summary>
    public static IHostApplicationBuilder AddP21Service(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<P21Options>().Bind(builder.Configuration.GetSection(P21Options.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<P21Options>, P21OptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton<P21TokenProvider>();
        services.AddTransient<P21AuthHandler>();

        services.AddRefitGeneratedClient<IP21TokenApi>(P21Json.RefitSettings)
            .ConfigureHttpClient((sp, client) => Configure(sp, client));
        services.AddRefitGeneratedClient<IP21Api>(P21Json.RefitSettings)
            .ConfigureHttpClient((sp, client) => Configure(sp, client))
            .AddHttpMessageHandler<P21AuthHandler>();
        // The UI server's address comes from P21's router at run time; P21UiServer sets it on each client.
        services.AddHttpClient(P21UiServer.HttpClientName)
            .ConfigureHttpClient((sp, client) => client.Timeout = sp.GetRequiredService<IOptions<P21Options>>().Value.RequestTimeout)
            .AddHttpMessageHandler<P21AuthHandler>();

        services.AddHealthChecks().AddCheck<P21HealthCheck>("p21");

        services.AddSingleton<P21UiServer>();
        services.AddTransient<P21Transactions>();
        services.AddTransient<CustomerResolver>();
        services.AddTransient<ItemResolver>();
        services.AddTransient<SalesOrderPoster>();
        builder.AddPaymentsDbContext<P21ServiceDbContext>(P21ServiceDbContext.ConnectionStringName);
        return builder;
    }

    /// <summary>The consumers, each endpoint behind the inbox/outbox of <see cref="P21ServiceDbContext"/> (see the definitions).</summary>
    public static void AddP21Consumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddPaymentsOutbox<P21ServiceDbContext>();
        bus.AddConsumer<PostP21OrderConsumer, PostP21OrderConsumerDefinition>();
    }

    static void Configure(IServiceProvider services, HttpClient client)
    {
        var options = services.GetRequiredService<IOptions<P21Options>>().Value;
        client.BaseAddress = new Uri(options.BaseUrl.TrimEnd('/'));
        client.Timeout = options.RequestTimeout;
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }
}
