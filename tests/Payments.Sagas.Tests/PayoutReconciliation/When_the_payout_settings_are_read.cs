using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Payments.Sagas.PayoutReconciliation;

namespace Payments.Sagas.Tests.PayoutReconciliation;

public class When_the_payout_settings_are_read
{
    static IOptions<PayoutReconciliationOptions> Read(params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        foreach (var (key, value) in settings) builder.Configuration[key] = value;
        builder.AddSagasService();
        return builder.Services.BuildServiceProvider().GetRequiredService<IOptions<PayoutReconciliationOptions>>();
    }

    [Test]
    public void Should_give_a_payout_three_days_after_its_arrival_date_by_default()
    {
        Assert.That(Read().Value.SettlementGrace, Is.EqualTo(TimeSpan.FromDays(3)));
    }

    [Test]
    public void Should_take_the_configured_grace()
    {
        Assert.That(Read(("PayoutReconciliation:SettlementGrace", "1.12:00:00")).Value.SettlementGrace, Is.EqualTo(TimeSpan.FromHours(36)));
    }

    [TestCase("00:00:00")]
    [TestCase("-1.00:00:00")]
    [TestCase("90.00:00:00")]
    public void Should_refuse_a_grace_out_of_range_naming_the_key(string grace)
    {
        var options = Read(("PayoutReconciliation:SettlementGrace", grace));

        var error = Assert.Throws<OptionsValidationException>(() => _ = options.Value);

        Assert.That(error!.Failures, Has.Some.Contains("SettlementGrace"));
    }
}
