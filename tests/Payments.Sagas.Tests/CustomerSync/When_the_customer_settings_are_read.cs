using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Payments.Domain.Customers;
using Payments.Sagas.CustomerSync;
using Payments.Sagas.StripeSubscription;

namespace Payments.Sagas.Tests.CustomerSync;

public class When_the_customer_settings_are_read
{
    static IServiceProvider Read(params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        foreach (var (key, value) in settings) builder.Configuration[key] = value;
        builder.AddSagasService();
        return builder.Services.BuildServiceProvider();
    }

    [Test]
    public void Should_create_P21_customers_with_the_default_ownership_unless_told()
    {
        var options = Read().GetRequiredService<IOptions<CustomerSyncOptions>>().Value;

        Assert.Multiple(() =>
        {
            Assert.That(options.CreateP21Customers, Is.True);
            Assert.That(options.FieldOwnership(), Is.SameAs(FieldOwnership.Default));
        });
    }

    [Test]
    public void Should_read_the_ownership_from_Customers_Ownership()
    {
        var options = Read(("Customers:Ownership:Phone", "P21"), ("CustomerSync:CreateP21Customers", "false"))
            .GetRequiredService<IOptions<CustomerSyncOptions>>().Value;

        Assert.Multiple(() =>
        {
            Assert.That(options.CreateP21Customers, Is.False);
            Assert.That(options.FieldOwnership().RuleFor(CustomerField.Phone).Writers, Is.EqualTo(new[] { CustomerSystem.P21 }));
        });
    }

    [Test]
    public void Should_refuse_a_bad_ownership_naming_every_problem()
    {
        var options = Read(("Customers:Ownership:Colour", "Stripe"), ("Customers:Ownership:Phone", "Salesforce"))
            .GetRequiredService<IOptions<CustomerSyncOptions>>();

        var error = Assert.Throws<OptionsValidationException>(() => _ = options.Value);

        Assert.That(error!.Message, Does.Contain("Customers:Ownership:Colour").And.Contain("'Salesforce' is not a system"));
    }

    [TestCase("Note")]
    [TestCase("CreditHold")]
    public void Should_take_the_configured_failed_payment_action(string action)
    {
        Assert.That(Read(("StripeSubscription:PaymentFailedAction", action)).GetRequiredService<IOptions<StripeSubscriptionOptions>>().Value.PaymentFailedAction,
            Is.EqualTo(action));
    }

    [Test]
    public void Should_refuse_an_unknown_failed_payment_action()
    {
        var options = Read(("StripeSubscription:PaymentFailedAction", "Email")).GetRequiredService<IOptions<StripeSubscriptionOptions>>();

        var error = Assert.Throws<OptionsValidationException>(() => _ = options.Value);

        Assert.That(error!.Message, Does.Contain("PaymentFailedAction").And.Contain("Alert, Note or CreditHold"));
        Assert.That(Read().GetRequiredService<IOptions<StripeSubscriptionOptions>>().Value.PaymentFailedAction, Is.EqualTo("Alert"));
    }
}
