using Payments.Domain.Customers;

namespace Payments.Domain.Tests.Customers;

public class When_matching_a_payer_to_a_P21_customer
{
    static Dictionary<string, string> Metadata(params (string Key, string Value)[] pairs) => pairs.ToDictionary(p => p.Key, p => p.Value);

    [Test]
    public void Should_trust_the_id_kept_in_metadata_before_the_email()
    {
        var match = CustomerMatching.Decide(Metadata(("p21_customer_id", "100198")), "AP@Acme.example");
        Assert.That(match, Is.EqualTo(new CustomerMatch(CustomerMatchKind.MetadataCustomerId, 100198, "ap@acme.example")));
    }

    [TestCase("abc")]
    [TestCase("-5")]
    [TestCase("0")]
    [TestCase("12.5")]
    public void Should_fall_back_to_email_when_the_metadata_id_is_malformed(string raw)
    {
        var match = CustomerMatching.Decide(Metadata(("p21_customer_id", raw)), " AP@Acme.example ");
        Assert.That(match, Is.EqualTo(new CustomerMatch(CustomerMatchKind.Email, null, "ap@acme.example")));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("not-an-address")]
    [TestCase("a@b@c")]
    [TestCase("@acme.example")]
    public void Should_create_a_customer_when_there_is_nothing_to_match_on(string? email) =>
        Assert.That(CustomerMatching.Decide(Metadata(), email).Kind, Is.EqualTo(CustomerMatchKind.None));
}
