using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using Payments.Contracts.Shared;
using Payments.Persistence.Audit;
using Payments.Sandbox;
using Payments.Sandbox.Scenarios.ChargeToOrder;

namespace Payments.EndToEnd.Tests.Console;

/// <summary>
/// The operations console in a real browser (headless Chromium), over the sandbox's services on the real RabbitMQ: a visitor is sent to
/// log in; the admin logs in, finds a payment that failed because P21 does not know its item, has the item added (the P21 simulator's
/// <c>/_sim</c>), redrives the faulted PostP21Order from its <c>_error</c> queue and sees the payment complete, with one P21 order.
/// </summary>
[NonParallelizable]
public class When_an_operator_redrives_a_failed_payment
{
    TestVirtualHost? _broker;
    SandboxHost? _sandbox;
    ChromeDriver? _browser;
    string _dataDirectory = "";

    [OneTimeSetUp]
    public async Task Start()
    {
        _broker = await TestVirtualHost.CreateOrIgnoreAsync();
        _dataDirectory = Path.Combine(Path.GetTempPath(), "payments-console-e2e-" + Guid.NewGuid().ToString("N"));
        // The sandbox's own audit trail (SQLite in its data folder): the console records the redrive there and shows the payment's story from it.
        _sandbox = await SandboxHost.StartAsync(new SandboxOptions { DataDirectory = _dataDirectory, ConfigurationArgs = [.. _broker.BusSettings] });
        _browser = HeadlessChromium.Start();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _browser?.Quit();
        _browser?.Dispose();
        if (_sandbox is not null) await _sandbox.DisposeAsync();
        if (_broker is not null) await _broker.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [Test, Order(1)]
    public void Should_send_an_anonymous_visitor_to_log_in()
    {
        _browser!.Navigate().GoToUrl(_sandbox!.ConsoleUrl + "?state=Failed");

        Assert.That(new Uri(_browser.Url).AbsolutePath, Is.EqualTo("/login"));
        Assert.That(_browser.PageSource, Does.Not.Contain("Payments by flow and state"));

        _browser.FindElement(By.Id("username")).SendKeys(SandboxOptions.ConsoleUser);
        _browser.FindElement(By.Id("password")).SendKeys("not-the-password");
        _browser.FindElement(By.Id("login")).Click();
        Assert.That(_browser.FindElement(By.Id("login-error")).Text, Does.Contain("wrong password"));
    }

    [Test, Order(2)]
    public async Task Should_complete_the_payment_redriven_after_its_cause_was_fixed()
    {
        var browser = _browser!;
        var sandbox = _sandbox!;
        LogIn(browser, sandbox);

        var item = "CONSOLE-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var charge = ChargeFlow.DemonstrationCharge() with { Metadata = new Dictionary<string, string> { ["items"] = $"{item}:1" } };
        var failed = await new ChargeFlow(sandbox).RunAsync(TimeSpan.FromSeconds(90), charge);
        Assert.That(failed.Outcome?.FailedStep, Is.EqualTo("PostP21Order"), failed.Describe());
        var subject = CorrelationKey.StripePayment(charge.PaymentIntentId, charge.Id).ToString();

        // The list of failed payments shows it, with P21's words.
        browser.Navigate().GoToUrl(sandbox.ConsoleUrl + "?state=Failed");
        var row = browser.ReloadUntil(b => b.FindElement(By.CssSelector($"tr[data-subject='{subject}']")), TimeSpan.FromSeconds(30),
            $"{subject} listed as failed");
        Assert.That(row.Text, Does.Contain("PostP21Order").And.Contain(item));
        row.FindElement(By.TagName("a")).Click();

        Assert.That(browser.FindElement(By.Id("state")).Text, Is.EqualTo("Failed"));
        Assert.That(browser.FindElement(By.Id("failure-reason")).Text, Does.Contain(item));
        var redrive = browser.ReloadUntil(b => b.FindElement(By.CssSelector("#faults button.redrive")), TimeSpan.FromSeconds(30),
            "the faulted PostP21Order in post-p21-order_error");
        Assert.That(await _broker!.MessagesAsync("post-p21-order_error", 1, TimeSpan.FromSeconds(20)), Is.EqualTo(1));

        // Fix the cause: P21 learns the item (the simulator's control API), then redrive.
        using (var http = new HttpClient())
            (await http.PostAsJsonAsync(sandbox.P21.ControlUrl.TrimEnd('/') + "/items", new { itemId = item, itemDesc = "Console test part", price1 = 74.99 }))
                .EnsureSuccessStatusCode();
        redrive.Click();

        Assert.That(browser.FindElement(By.Id("redrive-result")).Text, Does.Contain("back to post-p21-order"));
        browser.ReloadUntil(b => b.FindElement(By.Id("state")).Text == "Completed" ? "done" : null, TimeSpan.FromSeconds(60),
            "the payment completed after the redrive");
        Assert.Multiple(() =>
        {
            Assert.That(sandbox.P21.Store.FindOrdersByReference(charge.Id), Has.Count.EqualTo(1), "one P21 order");
            Assert.That(browser.FindElement(By.Id("failed-step")).Text, Is.EqualTo("PostP21Order"), "the last failure stays readable");
            Assert.That(browser.FindElements(By.CssSelector("#faults button.redrive")), Is.Empty);
        });
        Assert.That(await _broker.MessagesAsync("post-p21-order_error", 0, TimeSpan.FromSeconds(20)), Is.Zero);

        // The redrive itself is in the audit trail, by the signed-in user, beside the payment's writes (the P21 order posted after the
        // redrive; the refused attempt wrote nothing: the unknown item was found by a read), and the payment's page shows it.
        var story = await sandbox.Services.GetRequiredService<IAuditTrail>().StoryAsync(subject, CancellationToken.None);
        var entry = story.Single(e => e.System == AuditSystems.Operator);
        Assert.That((entry.Action, entry.Actor, entry.Outcome, entry.Step, entry.Subject),
            Is.EqualTo(("redrive", SandboxOptions.ConsoleUser, AuditOutcomes.Succeeded, "PostP21Order", subject)));
        Assert.That(story.Count(e => e.System == AuditSystems.P21 && e.Step == "PostP21Order" && e.Outcome == AuditOutcomes.Succeeded), Is.EqualTo(1),
            "the P21 order posted after the redrive, once");
        browser.Navigate().Refresh();
        Assert.That(browser.FindElement(By.Id("audit")).Text, Does.Contain("redrive").And.Contain(SandboxOptions.ConsoleUser));
    }

    static void LogIn(IWebDriver browser, SandboxHost sandbox)
    {
        browser.Navigate().GoToUrl(sandbox.ConsoleUrl);
        if (new Uri(browser.Url).AbsolutePath != "/login")
            return;
        browser.FindElement(By.Id("username")).SendKeys(SandboxOptions.ConsoleUser);
        browser.FindElement(By.Id("password")).SendKeys(sandbox.Options.ConsolePassword);
        browser.FindElement(By.Id("login")).Click();
        Assert.That(browser.FindElement(By.Id("user")).Text, Is.EqualTo(SandboxOptions.ConsoleUser));
    }
}
