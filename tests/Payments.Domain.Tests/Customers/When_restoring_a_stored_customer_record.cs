using Payments.Domain.Customers;
using static Payments.Domain.Tests.Customers.Customers;

namespace Payments.Domain.Tests.Customers;

public class When_restoring_a_stored_customer_record
{
    [Test]
    public void Should_equal_the_record_it_was_read_from_and_merge_the_same()
    {
        var known = Known();

        var restored = CustomerRecord.Restore(known.AppliedFields, known.SeenFields.Select(s => KeyValuePair.Create(s.Key, s.Value)));

        // A later stale Znode value must be judged against the restored "seen" stamps exactly as against the original's.
        var stale = FromZnode(At(3), Fields((CustomerField.City, "Dublin")));
        Assert.Multiple(() =>
        {
            Assert.That(restored, Is.EqualTo(known));
            Assert.That(CustomerMerge.Apply(restored, stale, FieldOwnership.Default).Decisions.Single().Kind,
                Is.EqualTo(CustomerMerge.Apply(known, stale, FieldOwnership.Default).Decisions.Single().Kind));
            Assert.That(CustomerRecord.Restore([], []), Is.EqualTo(CustomerRecord.Empty));
        });
    }
}
