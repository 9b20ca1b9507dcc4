using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace Payments.EndToEnd.Tests.Console;

/// <summary>
/// Debian's Chromium and its chromedriver (packages <c>chromium</c>, <c>chromium-driver</c>; the test command installs them), headless,
/// driven by Selenium WebDriver. The paths are given, so Selenium Manager never downloads a browser.
/// </summary>
static class HeadlessChromium
{
    public const string Browser = "/usr/bin/chromium", Driver = "/usr/bin/chromedriver";

    public static ChromeDriver Start()
    {
        if (!File.Exists(Browser) || !File.Exists(Driver))
            Assert.Fail($"{Browser} and {Driver} are needed (apt-get install chromium chromium-driver; ./scripts/test.sh installs them).");
        var options = new ChromeOptions { BinaryLocation = Browser };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,1000");
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(Driver)!, Path.GetFileName(Driver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(120));
    }

    /// <summary>Reloads until <paramref name="found"/> finds what it looks for on the page (server-rendered: the page changes only on a load).</summary>
    public static T ReloadUntil<T>(this IWebDriver browser, Func<IWebDriver, T?> found, TimeSpan within, string what) where T : class
    {
        var wait = new DefaultWait<IWebDriver>(browser) { Timeout = within, PollingInterval = TimeSpan.FromMilliseconds(500), Message = what };
        wait.IgnoreExceptionTypes(typeof(NoSuchElementException), typeof(StaleElementReferenceException));
        var first = true;
        return wait.Until(b =>
        {
            if (!first) b.Navigate().Refresh();
            first = false;
            return found(b);
        });
    }
}
