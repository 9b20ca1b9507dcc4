using Payments.Simulators.P21.OData;

namespace Payments.Simulators.Tests.P21;

[TestFixture]
public class When_parsing_odata_filters
{
    static readonly ODataTable Customer = ODataTables.All["customer"];

    static IReadOnlyDictionary<string, object?> Row(decimal id, string name, string deleteFlag = "N", string? salesrep = "1100") => new Dictionary<string, object?>
    {
        ["company_id"] = "ACME", ["customer_id"] = id, ["customer_name"] = name, ["salesrep_id"] = salesrep, ["terms_id"] = "1", ["credit_status"] = "GOOD",
        ["credit_limit"] = 0m, ["delete_flag"] = deleteFlag, ["date_created"] = new DateTime(2024, 5, 1),
    };

    static bool Matches(string filter, IReadOnlyDictionary<string, object?> row)
    {
        var node = ODataFilterParser.Parse(filter);
        ODataFilterEvaluator.Validate(node, Customer);
        return ODataFilterEvaluator.Matches(node, row);
    }

    [Test]
    public void Should_bind_and_tighter_than_or()
    {
        var row = Row(5, "Acme", deleteFlag: "Y");
        Assert.Multiple(() =>
        {
            Assert.That(Matches("customer_id eq 5 or customer_id eq 6 and delete_flag eq 'N'", row), Is.True);
            Assert.That(Matches("(customer_id eq 5 or customer_id eq 6) and delete_flag eq 'N'", row), Is.False);
        });
    }

    [Test]
    public void Should_unescape_doubled_quotes_in_string_literals()
    {
        Assert.That(ODataFilterParser.Parse("customer_name eq 'O''Brien & Sons'"),
            Is.EqualTo(new BinaryNode("eq", new PropertyNode("customer_name"), new LiteralNode("O'Brien & Sons", EdmType.String))));
    }

    [Test]
    public void Should_compare_numbers_dates_and_strings_by_value()
    {
        var row = Row(100198, "Acme Supply Co");
        Assert.Multiple(() =>
        {
            Assert.That(Matches("customer_id ge 100198 and customer_id lt 100199.5", row), Is.True);
            Assert.That(Matches("customer_id gt 100198M", row), Is.False);
            Assert.That(Matches("date_created ge 2024-05-01 and date_created lt 2024-05-01T00:00:01Z", row), Is.True);
            Assert.That(Matches("customer_name le 'ACME'", row), Is.False);
            Assert.That(Matches("startswith(customer_name,'acme') and contains(customer_name, 'SUPPLY') and not endswith(customer_name,'Inc')", row), Is.True);
        });
    }

    [Test]
    public void Should_treat_eq_null_as_a_null_test()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Matches("salesrep_id eq null", Row(1, "A", salesrep: null)), Is.True);
            Assert.That(Matches("salesrep_id ne null", Row(1, "A", salesrep: null)), Is.False);
            Assert.That(Matches("salesrep_id gt 'A'", Row(1, "A", salesrep: null)), Is.False);
        });
    }

    [Test]
    public void Should_ignore_in_as_p21_does()
    {
        Assert.That(Matches("customer_id in (1, 2) and delete_flag eq 'N'", Row(99, "Z")), Is.True);
    }

    [Test]
    public void Should_refuse_a_quoted_decimal_key_with_the_incompatible_types_message()
    {
        var node = ODataFilterParser.Parse("customer_id eq '100198'");
        var error = Assert.Throws<ODataException>(() => ODataFilterEvaluator.Validate(node, Customer))!;
        Assert.Multiple(() =>
        {
            Assert.That(error.StatusCode, Is.EqualTo(404));
            Assert.That(error.ODataMessage, Is.EqualTo(
                "A binary operator with incompatible types was detected. Found operand types 'Edm.Decimal' and 'Edm.String' for operator kind 'Equal'."));
        });
    }

    [Test]
    public void Should_refuse_an_unknown_property_and_an_unsupported_function_with_404()
    {
        Assert.Multiple(() =>
        {
            var unknown = Assert.Throws<ODataException>(() => ODataFilterEvaluator.Validate(ODataFilterParser.Parse("row_status_flag eq 704"), Customer))!;
            Assert.That(unknown.StatusCode, Is.EqualTo(404));
            Assert.That(unknown.ODataMessage, Is.EqualTo("Could not find a property named 'row_status_flag' on type 'dbo.customer'."));
            var now = Assert.Throws<ODataException>(() => ODataFilterEvaluator.Validate(ODataFilterParser.Parse("date_created lt now()"), Customer))!;
            Assert.That(now.StatusCode, Is.EqualTo(404));
        });
    }

    [TestCase("customer_id eq")]
    [TestCase("customer_name eq 'unterminated")]
    [TestCase("(customer_id eq 1")]
    [TestCase("customer_id eq 1 delete_flag")]
    public void Should_refuse_malformed_filters(string filter)
    {
        var error = Assert.Throws<ODataException>(() => ODataFilterParser.Parse(filter))!;
        Assert.That(error.StatusCode, Is.EqualTo(400));
    }
}
