using Payments.Persistence.Audit;

namespace Payments.Persistence.Tests.Audit;

/// <summary>Field names are matched without regard to case: P21 and Znode name their fields in PascalCase, Stripe in snake_case.</summary>
[TestFixture]
public class When_taking_the_essentials_of_a_body
{
    const string Body = """
        {"OrderNumber":"SO-77","invoice_id":"in_1","CustomerID":10042,"CompanyID":"ACME","company_id":"ACME","Items":[{"ItemNo":"ABC-1"}],
         "PassWord":"hunter2","ApiKey":"k-123","CardHolder":"J Doe","Edits":[{"Name":"Order_No","Value":"1001"},{"Name":"Credential","Value":"x"}]}
        """;

    [Test]
    public void Should_name_the_ids_of_fields_named_like_an_id_or_number_in_any_case_but_the_company()
    {
        var ids = AuditEssentials.Identifiers(Body);

        Assert.That(ids, Is.EquivalentTo(new[] { "in_1", "SO-77", "10042", "1001" }), "ItemNo is not an id name (a bare \"no\" suffix would take \"Info\")");
    }

    [TestCase(Body, "application/json")]
    [TestCase("not json {\"order_no\":\"1\"} ch_3MmlLrLkdIwHu7ix0snN0B15 password=hunter2", "text/plain")]
    [TestCase("{\"cut\": ", "application/json")]
    [TestCase("customer_id=10042&card=4242424242424242", "application/x-www-form-urlencoded")]
    public void Should_take_from_one_reading_what_scrubbing_and_then_naming_the_ids_take(string body, string mediaType)
    {
        var scrubbed = AuditEssentials.Scrub(body, mediaType);

        var (essentials, ids) = AuditEssentials.Essentials(body, mediaType);

        Assert.Multiple(() =>
        {
            Assert.That(essentials, Is.EqualTo(scrubbed));
            Assert.That(ids, Is.EqualTo(AuditEssentials.Identifiers(scrubbed)));
        });
    }

    [Test]
    public void Should_name_the_ids_of_a_body_longer_than_what_is_kept()
    {
        var body = $$"""{"filler":"{{new string('x', AuditEssentials.MaxLength)}}","order_no":"1001"}""";

        var (essentials, ids) = AuditEssentials.Essentials(body, "application/json");

        Assert.That(essentials, Has.Length.EqualTo(AuditEssentials.MaxLength));
        Assert.That(ids, Does.Contain("1001"), "the ids were read from the cut text");
    }

    [TestCase("password")]
    [TestCase("PassWord")]
    [TestCase("X-Api-Key")]
    [TestCase("ApiKey")]
    [TestCase("card_number")]
    [TestCase("CVC")]
    public void Should_know_a_secret_field_in_any_case(string name) => Assert.That(AuditEssentials.IsSecretName(name), Is.True);

    [TestCase("order_no")]
    [TestCase("CustomerId")]
    public void Should_not_take_an_id_for_a_secret(string name) => Assert.That(AuditEssentials.IsSecretName(name), Is.False);

    [Test]
    public void Should_remove_secret_fields_whatever_their_case()
    {
        var scrubbed = AuditEssentials.Scrub(Body, "application/json")!;

        Assert.Multiple(() =>
        {
            foreach (var secret in new[] { "hunter2", "k-123", "J Doe", "\"x\"" })
                Assert.That(scrubbed, Does.Not.Contain(secret));
            Assert.That(scrubbed, Does.Contain("SO-77").And.Contain("1001"));
        });
    }
}
