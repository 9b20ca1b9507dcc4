using Payments.Domain.Customers;
using Payments.Domain.Znode;

namespace Payments.Domain.Tests.Customers;

public class When_suggesting_customer_links
{
    static readonly StripeAddress Columbus = new() { Line1 = "1 Main Street", City = "Columbus", State = "OH", PostalCode = "43004-1234", Country = "US" };

    static CustomerProfile Stripe(string id, string? name, string? email, StripeAddress? address = null) => new(CustomerSystem.Stripe, id, name, email, address);
    static CustomerProfile P21(string id, string? name, string? email, StripeAddress? address = null) => new(CustomerSystem.P21, id, name, email, address);

    [Test]
    public void Should_rank_a_same_email_first_and_give_the_reasons()
    {
        var stripe = new[] { Stripe("cus_A", "Acme Supply Co", "AP@acme.example", Columbus) };
        var p21 = new[]
        {
            P21("100200", "Acme Supply, Inc.", "ap@acme.example; ar@acme.example", Columbus with { Line1 = "1 Main St", PostalCode = "43004", Country = "USA" }),
            P21("100300", "Acme Industrial", "buyer@acme.example"),
            P21("100400", "Zenith Tools", "ap@zenith.example"),
        };

        var suggestions = CustomerLinkSuggester.Suggest(stripe, p21);

        Assert.Multiple(() =>
        {
            Assert.That(suggestions.Select(s => s.Right.Id), Is.EqualTo(new[] { "100200" }));
            var best = suggestions[0];
            Assert.That(best.Score, Is.EqualTo(1 - 0.1 * 0.4 * 0.5).Within(0.001));
            Assert.That(best.Reasons, Is.EqualTo(new[]
            {
                "same e-mail ap@acme.example",
                "names 'Acme Supply Co' and 'Acme Supply, Inc.' 100 % alike",
                "same address: postal code 43004, street '1 Main Street' ~ '1 Main St' 100 %, city Columbus (100 %)",
            }));
        });
    }

    [Test]
    public void Should_score_each_kind_of_evidence_on_its_own()
    {
        var a = Stripe("cus_A", "Ann Lee", "ann@acme.example", Columbus);

        Assert.Multiple(() =>
        {
            Assert.That(CustomerLinkSuggester.Score(a, P21("1", null, "ANN@acme.example")).Score, Is.EqualTo(0.9));
            Assert.That(CustomerLinkSuggester.Score(a, P21("2", null, "ann+stripe@acme.example")).Score, Is.EqualTo(0.72));
            Assert.That(CustomerLinkSuggester.Score(a, P21("3", null, "ap@acme.example")).Score, Is.EqualTo(0.315));
            Assert.That(CustomerLinkSuggester.Score(a, P21("4", "Lee, Ann", null)).Score, Is.EqualTo(0.6));
            Assert.That(CustomerLinkSuggester.Score(a, P21("5", null, null, Columbus)).Score, Is.EqualTo(0.5));
            Assert.That(CustomerLinkSuggester.Score(a, P21("6", null, null, Columbus with { Country = "CA" })).Score, Is.EqualTo(0));
            Assert.That(CustomerLinkSuggester.Score(a, P21("7", null, null, Columbus with { Line1 = "3 Main Street" })).Score, Is.EqualTo(0.5 * (0.5 + 0.3 * 2.0 / 3 * 1 + 0.2)).Within(0.001));
        });
    }

    [Test]
    public void Should_not_take_a_free_mail_domain_for_a_sign()
    {
        var score = CustomerLinkSuggester.Score(Stripe("cus_A", null, "ann@gmail.com"), P21("1", null, "bob@gmail.com"));

        Assert.That((score.Score, score.Reasons.Count), Is.EqualTo((0.0, 0)));
    }

    [Test]
    public void Should_keep_to_the_threshold_and_the_number_per_customer()
    {
        var stripe = new[] { Stripe("cus_A", "Acme Supply", null, Columbus) };
        var p21 = Enumerable.Range(1, 5).Select(i => P21($"10{i}", "Acme Supply", null, Columbus)).Append(P21("200", "Acme Supply", null)).ToArray();

        var defaults = CustomerLinkSuggester.Suggest(stripe, p21);
        var lower = CustomerLinkSuggester.Suggest(stripe, p21, new CustomerLinkOptions { Threshold = 0.5, MaxPerCustomer = 10 });

        Assert.Multiple(() =>
        {
            Assert.That(defaults.Select(s => s.Right.Id), Is.EqualTo(new[] { "101", "102", "103" }));
            Assert.That(lower.Select(s => s.Right.Id), Is.EqualTo(new[] { "101", "102", "103", "104", "105", "200" }));
            Assert.That(lower[^1].Score, Is.EqualTo(0.6));
        });
    }

    [Test]
    public void Should_give_the_same_suggestions_in_the_same_order_whatever_the_input_order()
    {
        var stripe = new[]
        {
            Stripe("cus_A", "Acme Supply", "ap@acme.example"), Stripe("cus_B", "Zenith Tools", "buyer@zenith.example", Columbus),
            Stripe("cus_C", "Ann Lee", "ann@gmail.com"),
        };
        var p21 = new[]
        {
            P21("1", "ACME SUPPLY CO", "ap@acme.example"), P21("2", "Zenith Tool", "ap@zenith.example", Columbus),
            P21("3", "Lee Ann", "ann.lee@gmail.com"), P21("4", "Acme", "orders@acme.example"),
        };

        var forward = CustomerLinkSuggester.Suggest(stripe, p21, new CustomerLinkOptions { Threshold = 0.3 });
        var backward = CustomerLinkSuggester.Suggest(stripe.Reverse().ToArray(), p21.Reverse().ToArray(), new CustomerLinkOptions { Threshold = 0.3 });

        Assert.Multiple(() =>
        {
            Assert.That(backward.Select(s => (s.Left.Id, s.Right.Id, s.Score)), Is.EqualTo(forward.Select(s => (s.Left.Id, s.Right.Id, s.Score))));
            Assert.That(forward.Select(s => s.Score), Is.Ordered.Descending);
            Assert.That(forward.Select(s => (s.Left.Id, s.Right.Id)), Is.SupersetOf(new[] { ("cus_A", "1"), ("cus_B", "2"), ("cus_C", "3") }));
        });
    }
}
