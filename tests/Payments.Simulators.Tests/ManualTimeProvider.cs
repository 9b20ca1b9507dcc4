namespace Payments.Simulators.Tests;

/// <summary>A clock the test moves by hand; timers (injected delays) still run on real time.</summary>
sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    DateTimeOffset _now = start;

    public static ManualTimeProvider At(string instant) =>
        new(DateTimeOffset.Parse(instant, global::System.Globalization.CultureInfo.InvariantCulture));

    public override DateTimeOffset GetUtcNow() => _now;
    public void Advance(TimeSpan by) => _now += by;
}
