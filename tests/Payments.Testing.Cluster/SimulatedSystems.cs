using Payments.Simulators.P21;
using Payments.Simulators.Smtp;
using Payments.Simulators.Stripe;
using Payments.Simulators.Znode;

namespace Payments.Testing.Cluster;

/// <summary>
/// The outer edge the services talk to, run in the calling process on loopback: the P21 simulator, the Stripe API fake, the Znode
/// simulator and a mail catcher for the shoppers' mail.
/// </summary>
public sealed class SimulatedSystems : IAsyncDisposable
{
    SimulatedSystems(P21Simulator p21, StripeApiFake stripe, ZnodeSimulator znode, SmtpCatcher mail)
    {
        P21 = p21;
        Stripe = stripe;
        Znode = znode;
        Mail = mail;
    }

    public P21Simulator P21 { get; }
    public StripeApiFake Stripe { get; }
    public ZnodeSimulator Znode { get; }
    public SmtpCatcher Mail { get; }

    /// <summary>Starts the four; the Stripe fake's billing catalogue is seeded (the subscription flow's items map from it).</summary>
    public static async Task<SimulatedSystems> StartAsync(P21SimulatorOptions? p21 = null, StripeApiFakeOptions? stripe = null)
    {
        var p21Simulator = await P21Simulator.StartAsync(p21 ?? new P21SimulatorOptions());
        var stripeFake = await StripeApiFake.StartAsync(stripe ?? new StripeApiFakeOptions { SeedBillingCatalog = true });
        var znode = await ZnodeSimulator.StartAsync();
        var mail = await SmtpCatcher.StartAsync();
        return new SimulatedSystems(p21Simulator, stripeFake, znode, mail);
    }

    public async ValueTask DisposeAsync()
    {
        await Stripe.DisposeAsync();
        await Znode.DisposeAsync();
        await Mail.DisposeAsync();
        await P21.DisposeAsync();
    }
}
