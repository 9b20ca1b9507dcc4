using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Payments.Domain.Risk;
using Payments.Sagas.PaymentRisk;
using Payments.ServiceDefaults.Configuration;

namespace Payments.Sagas.Tests.PaymentRisk;

public class When_configuring_the_risk_rules
{
    static PaymentRiskOptions Bind(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddValidatedOptions<PaymentRiskOptions>(PaymentRiskOptions.Section);
        return services.BuildServiceProvider().GetRequiredService<IOptions<PaymentRiskOptions>>().Value;
    }

    [Test]
    public void Should_run_the_default_rules_when_none_are_configured() =>
        Assert.That(Bind([]).EffectiveRules(), Is.EqualTo(RiskPolicy.DefaultRules));

    [Test]
    public void Should_bind_the_configured_rules_in_order()
    {
        var rules = Bind(new()
        {
            ["PaymentRisk:Rules:0:Name"] = "refund-small-yen",
            ["PaymentRisk:Rules:0:EarlyFraudWarning"] = "true",
            ["PaymentRisk:Rules:0:AmountAtMost:JPY"] = "5000",
            ["PaymentRisk:Rules:0:Actions:0"] = "ProactiveRefund",
            ["PaymentRisk:Rules:1:Name"] = "hold-highest",
            ["PaymentRisk:Rules:1:RiskLevelAtLeast"] = "highest",
            ["PaymentRisk:Rules:1:Actions:0"] = "HoldOrder",
            ["PaymentRisk:Rules:1:Actions:1"] = "Alert",
        }).EffectiveRules();

        Assert.Multiple(() =>
        {
            Assert.That(rules.Select(r => r.Name), Is.EqualTo(new[] { "refund-small-yen", "hold-highest" }));
            Assert.That(rules[0].AmountAtMost!["JPY"], Is.EqualTo(5000m));
            Assert.That(rules[1].Actions, Is.EqualTo(new[] { RiskAction.HoldOrder, RiskAction.Alert }));
        });
    }

    [Test]
    public void Should_refuse_an_unknown_action_or_level_with_one_line_each()
    {
        var refused = Assert.Throws<OptionsValidationException>(() => Bind(new()
        {
            ["PaymentRisk:Rules:0:Name"] = "typo",
            ["PaymentRisk:Rules:0:RiskLevelAtLeast"] = "severe",
            ["PaymentRisk:Rules:0:Actions:0"] = "Refund",
        }));

        Assert.That(refused!.Failures, Is.EquivalentTo(new[]
        {
            "PaymentRisk:Rules:0:RiskLevelAtLeast 'severe' is not one of normal, elevated, highest.",
            "PaymentRisk:Rules:0:Actions: 'Refund' is not one of ProactiveRefund, HoldOrder, Alert.",
        }));
    }
}
