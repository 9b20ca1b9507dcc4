using Payments.Domain.Disputes;

namespace Payments.Domain.Tests.Disputes;

public class When_timing_the_evidence_alert
{
    static readonly DateTimeOffset Now = new(2026, 11, 29, 9, 30, 0, TimeSpan.Zero);

    [Test]
    public void Should_alert_the_configured_days_before_the_due_date() =>
        Assert.That(EvidenceAlert.At(Now.AddDays(10), 3, Now), Is.EqualTo(Now.AddDays(7)));

    [Test]
    public void Should_alert_now_when_that_day_has_passed() =>
        Assert.That(EvidenceAlert.At(Now.AddDays(1), 3, Now), Is.EqualTo(Now));

    [Test]
    public void Should_not_alert_without_a_due_date() =>
        Assert.That(EvidenceAlert.At(null, 3, Now), Is.Null);
}
