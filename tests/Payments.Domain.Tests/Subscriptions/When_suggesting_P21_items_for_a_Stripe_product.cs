using Payments.Domain.Subscriptions;

namespace Payments.Domain.Tests.Subscriptions;

public class When_suggesting_P21_items_for_a_Stripe_product
{
    static readonly P21Item[] ItemMaster =
    [
        new("ABC-100", "WIDGET PRO SEAT"),
        new("ABC-101", "WIDGET BASIC SEAT"),
        new("TS-GRY-M", "T-SHIRT COTTON GRAY M"),
        new("HD-GRY-M", "HOODIE GRAY M"),
        new("SUPPORT", "SUPPORT CONTRACT", "Priority phone support"),
    ];

    [Test]
    public void Should_propose_the_item_its_metadata_names_first_with_the_reasons()
    {
        var entry = new StripeCatalogEntry("prod_pro", "price_pro", "Widget Pro (monthly)", Metadata: new Dictionary<string, string> { ["SKU"] = "abc-100" });

        var suggestions = ItemMappingSuggester.Suggest(entry, ItemMaster);

        Assert.Multiple(() =>
        {
            // "Widget Basic Seat" shares one word of two: 0.75 × 0.4 = 0.3, under the threshold.
            Assert.That(suggestions.Select(s => s.ItemId), Is.EqualTo(new[] { "ABC-100" }));
            Assert.That(suggestions[0].Score, Is.EqualTo(1 - 0.05 * (1 - 0.75 * 0.8)).Within(0.001));
            Assert.That(suggestions[0].Reasons, Is.EqualTo(new[]
            {
                "metadata SKU 'abc-100' is item ABC-100",
                "name 'Widget Pro (monthly)' ~ item description 'WIDGET PRO SEAT' 80 %",
            }));
        });
    }

    [Test]
    public void Should_match_a_sku_without_its_punctuation_and_one_written_in_the_name()
    {
        var byLookupKey = ItemMappingSuggester.Suggest(new StripeCatalogEntry("prod_x", "price_x", "Seat", LookupKey: "abc 101"), ItemMaster);
        var byName = ItemMappingSuggester.Suggest(new StripeCatalogEntry("prod_x", null, "Seat licence ABC-101."), ItemMaster);

        Assert.Multiple(() =>
        {
            Assert.That(byLookupKey[0].ItemId, Is.EqualTo("ABC-101"));
            Assert.That(byLookupKey[0].Reasons[0], Is.EqualTo("lookup_key 'abc 101' is item ABC-101 but for punctuation"));
            Assert.That(byName[0].ItemId, Is.EqualTo("ABC-101"));
            Assert.That(byName[0].Reasons[0], Is.EqualTo("the product's name mentions ABC-101"));
            Assert.That(byName[0].Score, Is.GreaterThanOrEqualTo(0.76));
        });
    }

    [Test]
    public void Should_propose_by_description_when_nothing_looks_like_a_sku()
    {
        var entry = new StripeCatalogEntry("prod_QXg1hqf4jFNsqG", "price_1", "T-shirt", "Comfortable gray cotton t-shirt, size M");

        var suggestions = ItemMappingSuggester.Suggest(entry, ItemMaster, new ItemSuggestionOptions { Threshold = 0.3 });

        Assert.Multiple(() =>
        {
            Assert.That(suggestions.Select(s => s.ItemId), Is.EqualTo(new[] { "TS-GRY-M", "HD-GRY-M" }));
            Assert.That(suggestions[0].Reasons.Single(), Does.StartWith("description 'Comfortable gray cotton t-shirt, size M' ~ item description 'T-SHIRT COTTON GRAY M'"));
            Assert.That(suggestions[0].Score, Is.GreaterThan(suggestions[1].Score));
        });
    }

    [Test]
    public void Should_read_the_extended_description_too() =>
        Assert.That(ItemMappingSuggester.Suggest(new StripeCatalogEntry("prod_s", null, "Priority support"), ItemMaster).Select(s => s.ItemId),
            Is.EqualTo(new[] { "SUPPORT" }));

    [Test]
    public void Should_suggest_nothing_for_something_unlike_every_item() =>
        Assert.That(ItemMappingSuggester.Suggest(new StripeCatalogEntry("prod_z", null, "Consulting hours"), ItemMaster), Is.Empty);

    [Test]
    public void Should_keep_to_the_maximum_in_a_fixed_order()
    {
        var entry = new StripeCatalogEntry("prod_w", null, "Widget seat");
        var options = new ItemSuggestionOptions { MaxSuggestions = 1 };

        Assert.Multiple(() =>
        {
            Assert.That(ItemMappingSuggester.Suggest(entry, ItemMaster).Select(s => s.ItemId), Is.EqualTo(new[] { "ABC-100", "ABC-101" }));
            Assert.That(ItemMappingSuggester.Suggest(entry, ItemMaster.Reverse(), options).Select(s => s.ItemId), Is.EqualTo(new[] { "ABC-100" }));
        });
    }
}
