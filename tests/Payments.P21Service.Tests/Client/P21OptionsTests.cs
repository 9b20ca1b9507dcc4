using Microsoft.Extensions.Options;
using Payments.P21Service.Configuration;

namespace Payments.P21Service.Tests.Client;

[TestFixture]
public class When_validating_p21_options
{
    static P21Options Valid() => new()
    {
        BaseUrl = "https://p21.example.com", Username = "api_user", Password = "secret", CompanyId = "ACME", SalesLocationId = 10, SourceLocationId = 10,
        SalesrepId = "1100", DefaultBranch = "10", ErpTimeZone = "America/Chicago",
    };

    [Test]
    public void Should_accept_a_complete_configuration()
    {
        Assert.That(new P21OptionsValidator().Validate(null, Valid()).Succeeded, Is.True);
    }

    [Test]
    public void Should_name_every_missing_or_wrong_setting()
    {
        var options = Valid();
        options.BaseUrl = "p21.example.com";
        options.Password = null;
        options.SourceLocationId = 0;
        options.ErpTimeZone = "Mars/Olympus";
        options.OrderReferenceField = "order_no";

        var failures = new P21OptionsValidator().Validate(null, options).Failures;

        Assert.That(failures, Is.EquivalentTo(new[]
        {
            "P21:BaseUrl must be an absolute http(s) URL of the P21 middleware (got 'p21.example.com').",
            "P21: set Username and Password, or ClientSecret (consumer key).",
            "P21:SourceLocationId is required: P21 refuses an order without it (tax jurisdiction).",
            "P21:ErpTimeZone 'Mars/Olympus' is not a known time zone id (e.g. America/New_York).",
            "P21:OrderReferenceField must be one of web_reference_no, po_no (got 'order_no').",
        }));
    }

    [Test]
    public void Should_accept_a_consumer_key_instead_of_a_password()
    {
        var options = Valid();
        options.Password = null;
        options.ClientSecret = "62ccc18a-25e2-440c-bf6d-749c117fa9db";
        Assert.That(new P21OptionsValidator().Validate(null, options).Succeeded, Is.True);
    }

    [Test]
    public void Should_stop_the_host_at_start_when_the_section_is_missing()
    {
        var error = Assert.ThrowsAsync<OptionsValidationException>(() => P21Harness.StartAsync(settings: s => s["P21:BaseUrl"] = ""))!;
        Assert.That(error.Message, Does.Contain("P21:BaseUrl"));
    }
}
