namespace Payments.Operations.Tests;

public class When_starting_the_operations_service
{
    [Test]
    public void Should_reference_the_service()
    {
        Assert.That(typeof(Payments.Operations.Extensions).Assembly.GetName().Name, Is.EqualTo("Payments.Operations"));
    }
}
