using MassTransit.Testing;
using Payments.Contracts.Shared;
using Payments.Contracts.StripeDispute;

namespace Payments.Sagas.Tests.StripeDispute;

public class When_a_dispute_comes_before_its_charges_ERP_document : DisputeSpec
{
    [SetUp]
    public void ShortRechecks()
    {
        World.Charges[ChargeId] = Charge(p21OrderNo: null);
        Options.RecheckAfter = TimeSpan.FromMilliseconds(500);
        // Delayed delivery on a busy 2-core machine can take seconds.
        Harness.TestTimeout = TimeSpan.FromSeconds(30);
    }

    [Test]
    public async Task Should_wait_and_book_once_the_charge_names_its_P21_order()
    {
        await PublishInTurn(Reported("charge.dispute.funds_withdrawn", "needs_response", 1, transactions: Withdrawal()));
        var waiting = await WaitForState(Machine.AwaitingOriginalDocument);
        Assert.That((Count<PostDisputeJournal>(), waiting.RecheckCount), Is.EqualTo((0, 1)));

        // charge-to-order writes the P21 order number onto the charge as its last step.
        World.Charges[ChargeId] = Charge(p21OrderNo: "1001234");

        var saga = await WaitForState(Machine.Open);
        Assert.Multiple(() =>
        {
            Assert.That((saga.RecheckCount, saga.RecheckTokenId), Is.EqualTo((1, (Guid?)null)), "one recheck, delivered");
            Assert.That(Count<DescribeDisputedCharge>(), Is.EqualTo(2));
            Assert.That((Journals.Count(), Count<HoldP21OrderForDispute>()), Is.EqualTo((1, 1)));
            Assert.That(saga.P21OrderNo, Is.EqualTo("1001234"));
        });
    }

    [Test]
    public async Task Should_need_attention_after_the_last_recheck_with_the_reason()
    {
        await PublishInTurn(Reported("charge.dispute.funds_withdrawn", "needs_response", 1, transactions: Withdrawal()));

        var saga = await WaitForState(Machine.NeedsAttention);
        Assert.That(await Harness.Published.Any<FlowFailed>(), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That((saga.FailedStep, saga.RecheckCount), Is.EqualTo((nameof(RecheckDisputedCharge), Options.MaxRechecks)));
            Assert.That(saga.FailureReason, Does.Contain($"charge {ChargeId} still names neither a P21 order nor a Znode order"));
            Assert.That(Count<PostDisputeJournal>(), Is.Zero);
        });
    }
}
