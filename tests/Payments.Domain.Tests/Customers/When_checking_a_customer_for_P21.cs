using Payments.Domain.Customers;
using static Payments.Domain.Tests.Customers.Customers;

namespace Payments.Domain.Tests.Customers;

public class When_checking_a_customer_for_P21
{
    static CustomerRecord With(params (CustomerField Field, string? Value)[] values) =>
        Merge(Known(), FromStripe(At(60, "evt_edit"), Fields(values)));

    [Test]
    public void Should_pass_a_complete_customer() =>
        Assert.That(P21CustomerValidation.Check(Known()).IsValid, Is.True);

    [Test]
    public void Should_refuse_a_customer_without_an_email_and_say_where_to_fix_it()
    {
        var check = P21CustomerValidation.Check(With((CustomerField.Email, " ")));

        Assert.Multiple(() =>
        {
            Assert.That(check.IsValid, Is.False);
            Assert.That(check.Problems.Single(), Is.EqualTo(new CustomerProblem(CustomerField.Email, "email_address",
                "The e-mail is missing; P21 needs it (email_address). Fill it in Stripe.")));
        });
    }

    [TestCase("ap@")]
    [TestCase("ap@acme.example; ar@acme.example")]
    public void Should_refuse_what_is_not_one_email_address(string email) =>
        Assert.That(P21CustomerValidation.Check(With((CustomerField.Email, email))).Problems.Single().Message,
            Does.StartWith($"The e-mail '{email}' is not one e-mail address"));

    [Test]
    public void Should_list_every_problem_at_once_naming_field_column_and_length()
    {
        var check = P21CustomerValidation.Check(With(
            (CustomerField.Name, new string('A', 51)), (CustomerField.PostalCode, null), (CustomerField.Country, "Narnia"),
            (CustomerField.City, "Columbus")));

        Assert.Multiple(() =>
        {
            Assert.That(check.Problems.Select(p => (p.Field, p.Column)), Is.EqualTo(new[]
            {
                (CustomerField.Name, "customer_name"), (CustomerField.PostalCode, "mail_postal_code"), (CustomerField.Country, "mail_country"),
            }));
            Assert.That(check.Problems[0].Message, Does.Contain("51 characters, longer than P21's customer_name takes (50)"));
            Assert.That(check.Problems[1].Message, Is.EqualTo("The postal code is missing; P21 needs it (mail_postal_code). Fill it in Stripe."));
            Assert.That(check.Problems[2].Message, Does.Contain("'Narnia' is not an ISO 3166 country"));
            Assert.That(check.Summary.Split(Environment.NewLine), Has.Length.EqualTo(3));
        });
    }

    [Test]
    public void Should_take_configured_lengths_and_required_fields()
    {
        var record = With((CustomerField.Phone, "+1 614 555 0100 ext. 4411"), (CustomerField.AddressLine1, null));

        var defaults = P21CustomerValidation.Check(record);
        var configured = P21CustomerValidation.Check(record,
            lengths: new Dictionary<string, int> { ["central_phone_number"] = 20, ["customer_name"] = 255 },
            required: [CustomerField.Name, CustomerField.Email]);

        Assert.Multiple(() =>
        {
            Assert.That(defaults.Problems.Select(p => p.Field), Is.EqualTo(new[] { CustomerField.AddressLine1 }));
            Assert.That(configured.Problems.Select(p => p.Field), Is.EqualTo(new[] { CustomerField.Phone }));
            Assert.That(configured.Problems[0].Message, Does.Contain("longer than P21's central_phone_number takes (20)"));
        });
    }

    [Test]
    public void Should_point_a_missing_field_never_set_at_the_systems_that_may_set_it()
    {
        var record = Merge(CustomerRecord.Empty, FromStripe(At(0), Fields((CustomerField.Name, "Acme"), (CustomerField.Email, "ap@acme.example"))));

        var check = P21CustomerValidation.Check(record);

        Assert.That(check.Problems.First(p => p.Field == CustomerField.City).Message, Does.EndWith("Fill it in Stripe or Znode."));
    }
}
