using Microsoft.Extensions.Options;

namespace Payments.Integration.Tests.Messaging;

[TestFixture]
public class When_the_retry_configuration_is_invalid
{
    [Test]
    public void Should_refuse_to_start_and_name_the_setting()
    {
        var configuration = new Dictionary<string, string?>
        {
            ["Bus:Transport"] = "InMemory",
            ["Bus:Retry:Redelivery:0"] = "-00:00:05",
        };

        var error = Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var host = await ScriptedHost.StartAsync(configuration, "invalid-retry");
        });

        Assert.That(error!.Message, Does.Contain("Bus:Retry:Redelivery intervals must be positive"));
    }
}
