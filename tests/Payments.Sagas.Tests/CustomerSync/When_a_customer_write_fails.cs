using MassTransit;
using Microsoft.Extensions.Logging;
using Payments.Contracts.CustomerSync;

namespace Payments.Sagas.Tests.CustomerSync;

public class When_a_customer_write_fails : CustomerSpec
{
    const string Refusal = "P21 refuses the customer: mail_address1 is 62 characters, P21 accepts 40 (fix it in Stripe)";

    [Test]
    public async Task Should_quarantine_the_customer_with_the_system_step_reason_and_revision()
    {
        World.Refuse(nameof(SyncP21Customer), Refusal);

        await PublishInTurn(Created());

        var saga = await WaitForState(Machine.Quarantined);
        var alert = Sent<CustomerQuarantined>().Single();
        var failed = Sent<SyncP21Customer>().Single();
        Assert.Multiple(() =>
        {
            Assert.That((saga.QuarantinedSystem, saga.QuarantinedStep, saga.QuarantinedRevision), Is.EqualTo(("P21", nameof(SyncP21Customer), (long?)failed.Revision)));
            Assert.That(saga.QuarantineReason, Does.EndWith(Refusal));
            Assert.That((alert.System, alert.Step, alert.Revision, alert.StripeCustomerId), Is.EqualTo(("P21", nameof(SyncP21Customer), failed.Revision, CustomerId)));
            Assert.That(alert.Reason, Does.EndWith(Refusal));
            Assert.That(MachineLogs(LogLevel.Warning), Has.Count.EqualTo(1));
            Assert.That(saga.ZnodeUserId, Is.EqualTo(CustomerWorld.FoundZnodeUserId), "Znode went on");
        });
    }

    [Test]
    public async Task Should_be_active_again_when_the_redriven_command_answers()
    {
        World.Refuse(nameof(SyncP21Customer), Refusal);
        await PublishInTurn(Created());
        await WaitForState(Machine.Quarantined);
        var failed = Sent<SyncP21Customer>().Single();

        // What the redriven command produces once the data is fixed.
        await PublishInTurn(SyncingP21Customers.Synced(failed, "NET30", T0.AddMinutes(40)));

        var saga = await WaitForState(Machine.Active);
        Assert.Multiple(() =>
        {
            Assert.That((saga.QuarantinedSystem, saga.QuarantinedStep, saga.QuarantineReason, saga.QuarantinedRevision, saga.FailedStep),
                Is.EqualTo(((string?)null, (string?)null, (string?)null, (long?)null, (string?)null)));
            Assert.That(saga.P21CustomerId, Is.EqualTo(CustomerWorld.FoundP21CustomerId));
        });
    }

    [Test]
    public async Task Should_keep_sending_updates_while_quarantined_and_resume_on_a_newer_revisions_answer()
    {
        World.Refuse(nameof(SyncP21Customer), Refusal);
        await PublishInTurn(Created());
        await WaitForState(Machine.Quarantined);
        var quarantinedAt = Current.QuarantinedRevision;

        // The address is fixed at the source: the update goes to P21 with a higher revision, and P21 takes it.
        World.Refusals.Clear();
        await PublishInTurn(Reported(30, new Dictionary<string, string?>(Acme()) { [CustomerFieldNames.AddressLine1] = "1 Main" }, changed: [CustomerFieldNames.AddressLine1]));

        var saga = await WaitForState(Machine.Active);
        Assert.Multiple(() =>
        {
            Assert.That(Sent<SyncP21Customer>()[^1].Revision, Is.GreaterThan(quarantinedAt!.Value));
            Assert.That(saga.QuarantinedSystem, Is.Null);
        });
    }

    [Test]
    public async Task Should_ignore_the_fault_of_a_redriven_command_older_than_the_revision_the_system_took_since()
    {
        World.Refuse(nameof(SyncP21Customer), Refusal);
        await PublishInTurn(Created());
        await WaitForState(Machine.Quarantined);
        var failed = Sent<SyncP21Customer>().Single();
        World.Refusals.Clear();
        await PublishInTurn(Reported(30, new Dictionary<string, string?>(Acme()) { [CustomerFieldNames.AddressLine1] = "1 Main" }, changed: [CustomerFieldNames.AddressLine1]));
        await WaitForState(Machine.Active);
        var took = Current.P21AnsweredRevision;

        // The old command is redriven from its fault queue and fails again.
        World.Refuse(nameof(SyncP21Customer), Refusal);
        await Harness.Bus.Publish(failed);
        using var timeout = new CancellationTokenSource(Harness.TestTimeout);
        while (Harness.Consumed.Select<Fault<SyncP21Customer>>().Count() < 2 && !timeout.IsCancellationRequested)
            await Task.Delay(20, CancellationToken.None);
        await Settled();

        Assert.Multiple(() =>
        {
            Assert.That(took, Is.GreaterThan(failed.Revision));
            Assert.That(Harness.Consumed.Select<Fault<SyncP21Customer>>().Count(), Is.EqualTo(2), "the redriven command's fault reached the saga");
            Assert.That(Current.CurrentState, Is.EqualTo(Machine.Active.Name));
            Assert.That(Current.QuarantinedSystem, Is.Null);
            Assert.That(Sent<CustomerQuarantined>(), Has.Count.EqualTo(1), "no second alert");
            Assert.That(MachineLogs(LogLevel.Warning), Has.Count.EqualTo(1), "only the first quarantine warned");
            Assert.That(MachineLogs(LogLevel.Information).Any(e => e.Message.Contains("the old failure is ignored")), Is.True);
        });
    }

    [Test]
    public async Task Should_stay_quarantined_when_an_older_revision_or_another_system_answers()
    {
        World.Refuse(nameof(UpdateStripeCustomer), "Stripe: Invalid country");
        await PublishInTurn(Created());
        await PublishInTurn(ZnodeReport(30, Acme(city: "Dublin")));
        var saga = await WaitForState(Machine.Quarantined);

        // P21's answer to the same change is not Stripe's: still quarantined for Stripe.
        Assert.Multiple(() =>
        {
            Assert.That((saga.QuarantinedSystem, saga.QuarantinedStep), Is.EqualTo(("Stripe", nameof(UpdateStripeCustomer))));
            Assert.That(Current.CurrentState, Is.EqualTo(Machine.Quarantined.Name));
            Assert.That(Sent<SyncP21Customer>()[^1].Fields[CustomerFieldNames.City], Is.EqualTo("Dublin"), "P21 got the change all the same");
        });
    }
}
