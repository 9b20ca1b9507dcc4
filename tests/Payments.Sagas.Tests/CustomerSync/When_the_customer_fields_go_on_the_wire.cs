using Payments.Contracts.CustomerSync;
using Payments.Domain.Customers;

namespace Payments.Sagas.Tests.CustomerSync;

public class When_the_customer_fields_go_on_the_wire
{
    [Test]
    public void Should_name_the_domain_fields_in_their_order()
    {
        Assert.That(CustomerFieldNames.All, Is.EqualTo(Enum.GetNames<CustomerField>()));
    }
}
