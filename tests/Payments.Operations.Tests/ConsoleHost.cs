using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Payments.Operations.FlowRuns;
using Payments.Persistence.Configuration;
using Payments.ServiceDefaults;

namespace Payments.Operations.Tests;

/// <summary>The operations service as its Program.cs wires it, on Kestrel loopback, the in-memory bus and a SQLite file of its own.</summary>
sealed class ConsoleHost : IAsyncDisposable
{
    public const string Password = "console-test-password";

    readonly TestDatabase _database;

    ConsoleHost(WebApplication app, TestDatabase database)
    {
        App = app;
        _database = database;
        BaseAddress = new Uri(app.Urls.First());
    }

    public WebApplication App { get; }
    public Uri BaseAddress { get; }

    public static async Task<ConsoleHost> StartAsync(Dictionary<string, string?> settings, Action<IServiceCollection>? configure = null)
    {
        var database = await TestDatabase.Create(DatabaseProvider.Sqlite, "payments_console");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = typeof(Extensions).Assembly.GetName().Name });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Operations"] = database.ConnectionString,
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.AddServiceDefaults();
        builder.AddOperations();
        builder.AddPaymentsBus(bus => bus.AddOperationsConsumers());
        configure?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapOperations();
        await app.StartAsync();
        return new ConsoleHost(app, database);
    }

    public static Dictionary<string, string?> LocalAdmin(params string[] roles)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Operations:Auth:Mode"] = "LocalAdmin",
            ["Operations:Auth:LocalAdmin:Username"] = "admin",
            ["Operations:Auth:LocalAdmin:Password"] = Password,
        };
        if (roles.Length == 0)
            settings["Operations:Auth:LocalAdmin:Roles:0"] = "payments-reader";
        for (var i = 0; i < roles.Length; i++)
            settings[$"Operations:Auth:LocalAdmin:Roles:{i}"] = roles[i];
        return settings;
    }

    /// <summary>A client with its own cookies that does not follow redirects, so a test sees where it is sent.</summary>
    public HttpClient Client() => new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = BaseAddress };

    /// <summary>Logs <paramref name="client"/> in through the form, with the form's anti-forgery token, as a browser would.</summary>
    public static async Task<HttpResponseMessage> LogInAsync(HttpClient client, string password = Password)
    {
        var form = await client.GetStringAsync("/login");
        return await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = "admin",
            ["password"] = password,
            ["returnUrl"] = "/",
            ["__RequestVerificationToken"] = AntiforgeryToken(form),
        }));
    }

    public static string AntiforgeryToken(string html) =>
        Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"") is { Success: true } m
            ? m.Groups[1].Value
            : throw new AssertionException("The form has no anti-forgery token: " + html);

    public async Task SeedAsync(FlowRun run)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConsoleDbContext>();
        db.FlowRuns.Add(run);
        await db.SaveChangesAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        await _database.DisposeAsync();
    }
}
