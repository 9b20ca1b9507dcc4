using Payments.Domain.Mappings;

namespace Payments.Domain.Tests.Mappings;

/// <summary>
/// <see cref="ZnodeStateMappings"/> reads the Znode service's state names from its settings (Znode's own names where none is set) and
/// <see cref="ZnodeStateCheck"/> finds each in the right one of Znode's three tables, as Znode matches names.
/// </summary>
[TestFixture]
public class When_checking_Znode_state_names
{
    static readonly ZnodeStateTables Znode = new(
        ["SUBMITTED", "SHIPPED", "CANCELED", "APPROVED"],
        ["Authorized", "Captured", "Declined", "Refunded", "Pending", "Partially Refunded"],
        ["SUBMITTED", "APPROVED", "PARTIALLY APPROVED", "REFUND PROCESSED"]);

    static IReadOnlyList<MappedZnodeState> From(params (string Key, string? Value)[] settings) =>
        ZnodeStateMappings.From(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));

    [Test]
    public void Should_use_Znodes_own_names_where_nothing_is_set_and_find_them_without_regard_to_case()
    {
        var mapped = From();

        Assert.That(mapped.Select(m => $"{m.Key}={m.Name}"), Is.EqualTo(new[]
        {
            "Znode:Orders:CanceledOrderState=CANCELED",
            "Znode:Payments:CapturedStatus=CAPTURED",
            "Znode:Payments:DeclinedStatus=DECLINED",
            "Znode:Payments:RefundedStatus=REFUNDED",
            "Znode:Payments:PartiallyRefundedStatus=PARTIALLY REFUNDED",
            "Znode:Intake:PaymentStatuses:0=PENDING",
            "Znode:Returns:ApprovedStates:0=APPROVED",
            "Znode:Returns:ApprovedStates:1=PARTIALLY APPROVED",
            "Znode:Returns:RefundProcessedState=REFUND PROCESSED",
        }));
        Assert.That(ZnodeStateCheck.Check(mapped, Znode), Is.Empty);
    }

    [Test]
    public void Should_name_each_setting_whose_state_Znode_does_not_have_in_that_table()
    {
        var mapped = From(("Znode:Orders:PaidOrderState", "PAID"), ("Znode:Orders:DeclinedOrderState", " approved "),
            ("Znode:Payments:CapturedStatus", "SUBMITTED"), ("Znode:Intake:PaymentStatuses:0", "PENDING"), ("Znode:Intake:PaymentStatuses:1", "ON ACCOUNT"));

        var problems = ZnodeStateCheck.Check(mapped, Znode);

        Assert.That(problems, Is.EqualTo(new[]
        {
            "Znode:Orders:PaidOrderState: 'PAID' is not a Znode order state (Znode has SUBMITTED, SHIPPED, CANCELED, APPROVED)",
            // An order state's name is not a payment state: each name is looked up in its own table.
            "Znode:Payments:CapturedStatus: 'SUBMITTED' is not a Znode payment state (Znode has Authorized, Captured, Declined, Refunded, Pending, Partially Refunded)",
            "Znode:Intake:PaymentStatuses:1: 'ON ACCOUNT' is not a Znode payment state (Znode has Authorized, Captured, Declined, Refunded, Pending, Partially Refunded)",
        }));
    }

    [Test]
    public void Should_take_CANCELLED_and_CANCELED_for_the_same_row()
    {
        var oldSpelling = new ZnodeStateTables(["SUBMITTED", "CANCELLED"], Znode.PaymentStates, Znode.ReturnStates);

        Assert.That(ZnodeStateCheck.Check(From(("Znode:Orders:CanceledOrderState", "CANCELLED")), Znode), Is.Empty);
        Assert.That(ZnodeStateCheck.Check(From(), oldSpelling), Is.Empty);
    }
}
