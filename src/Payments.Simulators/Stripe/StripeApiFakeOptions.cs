namespace Payments.Simulators.Stripe;

public sealed record StripeApiFakeOptions
{
    /// <summary>0 picks a free port.</summary>
    public int Port { get; init; }
    /// <summary>When set, only this key is accepted; otherwise any test-mode secret key (<c>sk_test_…</c>).</summary>
    public string? ApiKey { get; init; }
    /// <summary>Seed the fixture's own charge (<see cref="StripeApiFake.FixtureChargeId"/>).</summary>
    public bool SeedFixtureCharge { get; init; } = true;
}
