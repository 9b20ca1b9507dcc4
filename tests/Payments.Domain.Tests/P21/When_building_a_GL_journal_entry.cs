using Payments.Domain.P21;

namespace Payments.Domain.Tests.P21;

public class When_building_a_GL_journal_entry
{
    [Test]
    public void Should_debit_one_account_and_credit_the_other_with_lines_that_balance()
    {
        var lines = GlJournal.Receipt("11120010", " 40100000 ", 108.25m);

        Assert.That(lines, Is.EqualTo(new[] { new GlJournalLine("11120010", 108.25m), new GlJournalLine("40100000", -108.25m) }));
        Assert.That(GlJournal.IsBalanced(lines), Is.True);
    }

    [Test]
    public void Should_tell_an_unbalanced_entry() =>
        Assert.That(GlJournal.IsBalanced([new GlJournalLine("1", 10m), new GlJournalLine("2", -9.99m)]), Is.False);

    [Test]
    public void Should_refuse_what_would_move_nothing_or_what_P21_cannot_keep()
    {
        Assert.Throws<ArgumentException>(() => GlJournal.Receipt("11120010", "11120010", 1m));
        Assert.Throws<ArgumentOutOfRangeException>(() => GlJournal.Receipt("1", "2", 0m));
        Assert.Throws<ArgumentOutOfRangeException>(() => GlJournal.Receipt("1", "2", -1m));
        Assert.Throws<ArgumentException>(() => GlJournal.Receipt("1", "2", 1.00001m));
    }

    [TestCase(2026, 11, 29, 1, 11, 2026)]
    [TestCase(2026, 1, 1, 1, 1, 2026)]
    [TestCase(2026, 12, 31, 1, 12, 2026)]
    [TestCase(2026, 7, 1, 7, 1, 2027)]  // fiscal year July–June, named after the year it ends in
    [TestCase(2027, 6, 30, 7, 12, 2027)]
    [TestCase(2026, 11, 29, 7, 5, 2027)]
    public void Should_find_the_period_of_a_date(int year, int month, int day, int fiscalStart, int period, int yearForPeriod) =>
        Assert.That(GlPeriod.For(new DateOnly(year, month, day), fiscalStart), Is.EqualTo(new GlPeriod(period, yearForPeriod)));
}
