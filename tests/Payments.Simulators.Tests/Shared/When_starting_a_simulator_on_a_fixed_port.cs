using System.Net;
using System.Net.Sockets;
using Payments.Simulators.P21;
using Payments.Simulators.Stripe;

namespace Payments.Simulators.Tests.Shared;

[TestFixture]
public class When_starting_a_simulator_on_a_fixed_port
{
    static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    [Test]
    public async Task Should_listen_on_that_port_and_say_so()
    {
        var (p21Port, stripePort) = (FreePort(), FreePort());

        await using var p21 = await P21Simulator.StartAsync(new P21SimulatorOptions { Port = p21Port });
        await using var stripe = await StripeApiFake.StartAsync(new StripeApiFakeOptions { Port = stripePort });
        using var http = new HttpClient();

        Assert.Multiple(async () =>
        {
            Assert.That(p21.BaseUrl, Is.EqualTo($"http://127.0.0.1:{p21Port}"));
            Assert.That(p21.ControlUrl, Is.EqualTo($"http://127.0.0.1:{p21Port}/_sim"));
            Assert.That(stripe.ApiBase, Is.EqualTo($"http://127.0.0.1:{stripePort}"));
            Assert.That(stripe.BaseUrl, Is.EqualTo(stripe.ApiBase));
            Assert.That(await http.GetStringAsync(stripe.ControlUrl), Does.Contain("\"name\": \"Stripe\""));
        });
    }

    [Test]
    public async Task Should_say_clearly_when_the_port_is_taken()
    {
        await using var first = await ThingsSimulator.StartAsync();
        var port = new Uri(first.BaseUrl).Port;

        var refused = Assert.ThrowsAsync<InvalidOperationException>(() => ThingsSimulator.StartAsync(port: port))!;

        Assert.That(refused.Message, Does.Contain($"The Things simulator cannot listen on 127.0.0.1:{port}"));
    }
}
