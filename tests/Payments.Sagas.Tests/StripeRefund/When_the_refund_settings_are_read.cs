using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Payments.Sagas.StripeRefund;

namespace Payments.Sagas.Tests.StripeRefund;

public class When_the_refund_settings_are_read
{
    static IOptions<StripeRefundOptions> Read(params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        foreach (var (key, value) in settings) builder.Configuration[key] = value;
        builder.AddSagasService();
        return builder.Services.BuildServiceProvider().GetRequiredService<IOptions<StripeRefundOptions>>();
    }

    [Test]
    public void Should_wait_a_day_in_quarter_hours_by_default()
    {
        var options = Read().Value;

        Assert.That((options.RecheckAfter, options.MaxRechecks), Is.EqualTo((TimeSpan.FromMinutes(15), 96)));
    }

    [Test]
    public void Should_take_the_configured_values()
    {
        var options = Read(("StripeRefund:RecheckAfter", "00:05:00"), ("StripeRefund:MaxRechecks", "0")).Value;

        Assert.That((options.RecheckAfter, options.MaxRechecks), Is.EqualTo((TimeSpan.FromMinutes(5), 0)));
    }

    [Test]
    public void Should_refuse_bad_values_naming_each_key()
    {
        var options = Read(("StripeRefund:RecheckAfter", "00:00:00"), ("StripeRefund:MaxRechecks", "-1"));

        var error = Assert.Throws<OptionsValidationException>(() => _ = options.Value);

        Assert.That(error!.Failures, Has.Some.Contains("RecheckAfter").And.Some.Contains("MaxRechecks"));
    }
}
