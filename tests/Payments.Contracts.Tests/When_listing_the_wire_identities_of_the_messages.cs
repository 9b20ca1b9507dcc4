using System.Reflection;
using MassTransit;

namespace Payments.Contracts.Tests;

/// <summary>
/// The URN and exchange of every message are pinned, so moving or renaming a class never strands messages that wait in
/// an <c>_error</c> or wait queue under the old identity. A deliberate change means editing
/// <c>wire-identities.approved.txt</c> (and draining the old queues and exchanges first: see docs/adding-a-flow.md).
/// </summary>
public class When_listing_the_wire_identities_of_the_messages
{
    static readonly IReadOnlyList<Type> Messages = WireIdentity.MessageTypes();

    [Test]
    public void Should_find_the_messages_of_every_flow()
    {
        Assert.That(Messages.Select(t => t.Namespace).Distinct(),
            Is.SupersetOf(new[] { "Payments.Contracts.Shared", "Payments.Contracts.ChargeToOrder" }));
    }

    [TestCaseSource(nameof(Messages))]
    public void Should_pin_the_urn_and_the_exchanges_explicitly(Type message)
    {
        Assert.Multiple(() =>
        {
            Assert.That(message.GetCustomAttribute<MessageUrnAttribute>(), Is.Not.Null, $"{message.Name} needs [MessageUrn]");
            Assert.That(message.GetCustomAttribute<EntityNameAttribute>(), Is.Not.Null, $"{message.Name} needs [EntityName]");
            Assert.That(message.GetCustomAttribute<FaultEntityNameAttribute>(), Is.Not.Null, $"{message.Name} needs [FaultEntityName]");
        });
    }

    [Test]
    public void Should_give_no_two_messages_the_same_identity()
    {
        var identities = Messages.Select(WireIdentity.Of).ToList();
        var names = identities.SelectMany(i => new[] { i.Urn, i.Entity, i.FaultUrn, i.FaultEntity }).ToList();
        var collisions = names.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.That(collisions, Is.Empty, "identities used by more than one message");
    }

    [Test]
    public void Should_match_the_approved_list()
    {
        var approvedFile = Path.Combine(TestContext.CurrentContext.TestDirectory, "wire-identities.approved.txt");
        var approved = File.ReadAllLines(approvedFile)
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .ToList();
        var actual = Messages.Select(t => WireIdentity.Of(t).ToString()).ToList();

        var missing = approved.Except(actual).ToList();
        var unexpected = actual.Except(approved).ToList();
        Assert.That(missing.Concat(unexpected), Is.Empty,
            "wire identities changed. Approved but gone or changed:\n  " + string.Join("\n  ", missing) +
            "\nPresent but not approved (a new message: add its line to tests/Payments.Contracts.Tests/wire-identities.approved.txt):\n  " +
            string.Join("\n  ", unexpected));
    }
}
