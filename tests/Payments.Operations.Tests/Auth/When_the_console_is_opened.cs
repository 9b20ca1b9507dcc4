using System.Net;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Payments.Contracts.Shared;
using Payments.Operations.FlowRuns;
using Payments.Persistence.Audit;

namespace Payments.Operations.Tests.Auth;

public class When_the_console_is_opened
{
    [Test]
    public void Should_refuse_to_start_without_an_auth_mode()
    {
        var refused = Assert.ThrowsAsync<InvalidOperationException>(() => ConsoleHost.StartAsync([]));
        Assert.That(refused!.Message, Does.Contain("Operations:Auth:Mode is not set"));
    }

    [Test]
    public void Should_refuse_to_start_with_a_local_admin_without_a_password_and_not_say_it()
    {
        var settings = ConsoleHost.LocalAdmin("payments-operator");
        settings["Operations:Auth:LocalAdmin:Password"] = "short-pw";
        var refused = Assert.ThrowsAsync<InvalidOperationException>(() => ConsoleHost.StartAsync(settings));
        Assert.That(refused!.Message, Does.Contain("Password is shorter than 12 characters").And.Not.Contain("short-pw"));
    }

    [Test]
    public async Task Should_send_an_anonymous_user_to_log_in()
    {
        await using var console = await ConsoleHost.StartAsync(ConsoleHost.LocalAdmin("payments-operator"));
        using var client = console.Client();

        foreach (var page in new[] { "/", "/health-status", $"/payments/{Guid.NewGuid()}" })
        {
            using var response = await client.GetAsync(page);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), page);
            Assert.That(response.Headers.Location!.ToString(), Does.Contain("/login?ReturnUrl="), page);
        }
        using var redrive = await client.PostAsync($"/payments/{Guid.NewGuid()}/redrive", new FormUrlEncodedContent([]));
        Assert.That(redrive.StatusCode, Is.Not.EqualTo(HttpStatusCode.OK).And.Not.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Should_refuse_a_wrong_password()
    {
        await using var console = await ConsoleHost.StartAsync(ConsoleHost.LocalAdmin("payments-operator"));
        using var client = console.Client();

        using var response = await ConsoleHost.LogInAsync(client, "not-the-password");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("Unknown user or wrong password"));
        using var home = await client.GetAsync("/");
        Assert.That(home.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
    }

    [Test]
    public async Task Should_list_the_flows_projected_from_their_events()
    {
        await using var console = await ConsoleHost.StartAsync(ConsoleHost.LocalAdmin("payments-operator"));
        var id = Guid.NewGuid();
        var bus = console.App.Services.GetRequiredService<IBus>();
        await bus.Publish(new FlowStarted { CorrelationId = id, Flow = FlowNames.ChargeToOrder, Subject = "stripe-payment:pi_listed", StartedAt = DateTimeOffset.UtcNow });
        await bus.Publish(new FlowFailed
        {
            CorrelationId = id, Flow = FlowNames.ChargeToOrder, Subject = "stripe-payment:pi_listed", Step = "PostP21Order",
            Reason = "P21 rejected the order: item <ZZZ-404> not found", FailedAt = DateTimeOffset.UtcNow.AddSeconds(1),
        });
        using var client = console.Client();
        Assert.That((await ConsoleHost.LogInAsync(client)).StatusCode, Is.EqualTo(HttpStatusCode.Redirect));

        var page = "";
        for (var i = 0; i < 50 && !page.Contains("pi_listed"); i++, await Task.Delay(100))
            page = await client.GetStringAsync("/?state=Failed");

        Assert.That(page, Does.Contain("stripe-payment:pi_listed").And.Contain("PostP21Order"));
        Assert.That(page, Does.Contain("item &lt;ZZZ-404&gt; not found"), "P21's words, HTML-encoded");
        var payment = await client.GetStringAsync($"/payments/{id}");
        Assert.That(payment, Does.Contain("id=\"no-error-queues\""), "the in-memory bus keeps no _error queues, and the page says so");
    }

    [Test]
    public async Task Should_refuse_redrive_without_the_operator_role_or_without_the_antiforgery_token()
    {
        var audit = new RecordedAuditTrail();
        await using var console = await ConsoleHost.StartAsync(ConsoleHost.LocalAdmin(), services => services.AddSingleton<IAuditTrail>(audit));
        var id = Guid.NewGuid();
        await console.SeedAsync(new FlowRun
        {
            CorrelationId = id, Flow = FlowNames.ChargeToOrder, Subject = "stripe-payment:pi_reader", State = FlowRunStates.Failed,
            StateAt = DateTime.UtcNow, Version = 1,
        });
        using var client = console.Client();
        await ConsoleHost.LogInAsync(client);
        var payment = await client.GetStringAsync($"/payments/{id}");
        var token = ConsoleHost.AntiforgeryToken(payment);

        using var withoutRole = await client.PostAsync($"/payments/{id}/redrive", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["queue"] = "post-p21-order_error", ["messageId"] = Guid.NewGuid().ToString(), ["__RequestVerificationToken"] = token,
        }));
        Assert.That(withoutRole.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(withoutRole.Headers.Location!.ToString(), Does.Contain("/denied"));

        await using var operatorConsole = await ConsoleHost.StartAsync(ConsoleHost.LocalAdmin("payments-operator"), services => services.AddSingleton<IAuditTrail>(audit));
        await operatorConsole.SeedAsync(new FlowRun
        {
            CorrelationId = id, Flow = FlowNames.ChargeToOrder, Subject = "stripe-payment:pi_reader", State = FlowRunStates.Failed,
            StateAt = DateTime.UtcNow, Version = 1,
        });
        using var operatorClient = operatorConsole.Client();
        await ConsoleHost.LogInAsync(operatorClient);
        using var withoutToken = await operatorClient.PostAsync($"/payments/{id}/redrive", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["queue"] = "post-p21-order_error", ["messageId"] = Guid.NewGuid().ToString(),
        }));
        Assert.That(withoutToken.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "Razor Pages' anti-forgery check");
        Assert.That(audit.Entries, Is.Empty, "nothing was redriven");
    }

    sealed class RecordedAuditTrail : IAuditTrail
    {
        public List<AuditEntry> Entries { get; } = [];

        public Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken)
        {
            lock (Entries) Entries.Add(entry);
            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<AuditEntry>> StoryAsync(string id, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<AuditEntry>>([.. Entries.Where(e => e.Subject == id || e.References.Contains(id))]);
    }
}
