using Payments.Domain.Similarity;

namespace Payments.Domain.Tests.Similarity;

public class When_comparing_texts
{
    // Winkler's own examples (https://en.wikipedia.org/wiki/Jaro%E2%80%93Winkler_distance).
    [TestCase("martha", "marhta", 0.961)]
    [TestCase("dwayne", "duane", 0.840)]
    [TestCase("dixon", "dicksonx", 0.813)]
    [TestCase("acme", "acme", 1.0)]
    [TestCase("abc", "xyz", 0.0)]
    [TestCase("", "", 1.0)]
    [TestCase("a", "", 0.0)]
    public void Should_give_Jaro_Winkler_similarity(string a, string b, double expected)
    {
        Assert.That(TextSimilarity.JaroWinkler(a, b), Is.EqualTo(expected).Within(0.0005));
        Assert.That(TextSimilarity.JaroWinkler(b, a), Is.EqualTo(expected).Within(0.0005));
    }

    [Test]
    public void Should_split_words_folding_case_accents_and_apostrophes() =>
        Assert.That(TextSimilarity.Words("  Société O'Brien & Fils—Zürich, 2nd  "), Is.EqualTo(new[] { "societe", "obrien", "fils", "zurich", "2nd" }));

    [Test]
    public void Should_leave_out_ignored_words() =>
        Assert.That(TextSimilarity.Words("The Acme Co.", new HashSet<string> { "the", "co" }), Is.EqualTo(new[] { "acme" }));

    [Test]
    public void Should_not_mind_word_order_or_small_typos()
    {
        Assert.Multiple(() =>
        {
            Assert.That(TextSimilarity.Dice(["lee", "ann"], ["ann", "lee"]), Is.EqualTo(1.0));
            Assert.That(TextSimilarity.Dice(["jon", "smith"], ["john", "smith"]), Is.GreaterThan(0.95).And.LessThan(1.0));
            Assert.That(TextSimilarity.Dice(["acme", "supply"], ["acme"]), Is.EqualTo(2.0 / 3).Within(1e-9));
            Assert.That(TextSimilarity.Dice(["acme", "supply"], ["zenith", "tools"]), Is.EqualTo(0.0));
            Assert.That(TextSimilarity.Dice([], ["acme"]), Is.EqualTo(0.0));
        });
    }

    [Test]
    public void Should_count_a_word_once_and_numbers_only_when_equal()
    {
        Assert.Multiple(() =>
        {
            Assert.That(TextSimilarity.Dice(["acme", "acme"], ["acme"]), Is.EqualTo(2.0 / 3).Within(1e-9));
            Assert.That(TextSimilarity.Dice(["12", "main", "st"], ["21", "main", "st"]), Is.EqualTo(4.0 / 6).Within(1e-9));
            Assert.That(TextSimilarity.Dice(["abc100"], ["abc101"]), Is.EqualTo(0.0));
        });
    }
}
