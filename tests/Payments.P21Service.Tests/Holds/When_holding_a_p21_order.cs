using Payments.P21Service.Holds;
using Payments.ServiceDefaults.Failures;
using Payments.Simulators.P21.Faults;
using Payments.Simulators.P21.Store;

namespace Payments.P21Service.Tests.Holds;

/// <summary><see cref="OrderHolds"/> against the P21 simulator: hold and release, idempotent, by <c>approved</c> or by a hold class.</summary>
[TestFixture]
public class When_holding_a_p21_order
{
    P21Harness? _harness;

    P21Harness _p21
    {
        get => _harness!;
        set => _harness = value;
    }

    [TearDown]
    public async Task Stop()
    {
        if (_harness is not null) await _harness.DisposeAsync();
        _harness = null;
    }

    string SeededOrderNo => _p21.Simulator.Store.Orders.First(o => o.RmaFlag == "N").OrderNo;

    int TransactionPosts => _p21.Simulator.Requests.Count(r => r.Route == P21Route.Transaction && r.Method == "POST");

    [Test]
    public async Task Should_turn_approved_off_once_and_on_again_on_release()
    {
        _p21 = await P21Harness.StartAsync();
        var holds = _p21.Get<OrderHolds>();
        var orderNo = SeededOrderNo;

        var placed = await holds.HoldAsync(orderNo, "dispute du_1 opened", CancellationToken.None);
        var whileHeld = _p21.Simulator.Store.FindOrder(orderNo)!.Approved;
        var placedAgain = await holds.HoldAsync(orderNo, "risk elevated", CancellationToken.None);
        var postsWhileHeld = TransactionPosts;
        await holds.ReleaseAsync(orderNo, "won", CancellationToken.None);
        await holds.ReleaseAsync(orderNo, "won again", CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(whileHeld, Is.EqualTo("N"));
            Assert.That((placed, placedAgain), Is.EqualTo((true, false)), "only the first hold is placed by its caller");
            Assert.That(postsWhileHeld, Is.EqualTo(1), "holding a held order sends nothing");
            Assert.That(TransactionPosts, Is.EqualTo(2), "releasing a released order sends nothing");
            Assert.That(_p21.Simulator.Store.FindOrder(orderNo)!.Approved, Is.EqualTo("Y"));
            Assert.That(holds.Method, Is.EqualTo("Approved"));
        });
    }

    [Test]
    public async Task Should_report_a_hold_placed_by_someone_else_as_not_placed_and_send_nothing()
    {
        _p21 = await P21Harness.StartAsync();
        var holds = _p21.Get<OrderHolds>();
        // A credit hold placed in P21 before the dispute: approved is already N.
        var creditHeld = _p21.Simulator.Store.AddOrder((no, uid) => _p21.Simulator.Store.Orders.First(o => o.RmaFlag == "N") with
        {
            OrderNo = no,
            OeHdrUid = uid,
            Approved = "N",
        });

        var placed = await holds.HoldAsync(creditHeld.OrderNo, "dispute du_1 opened", CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(placed, Is.False, "the hold is not the caller's");
            Assert.That(TransactionPosts, Is.Zero, "holding an order already on hold sends nothing");
            Assert.That(_p21.Simulator.Store.FindOrder(creditHeld.OrderNo)!.Approved, Is.EqualTo("N"));
        });
    }

    [Test]
    public async Task Should_set_and_clear_the_hold_class_when_so_configured()
    {
        _p21 = await P21Harness.StartAsync(settings: s =>
        {
            s["P21:Holds:Method"] = "HoldClass";
            s["P21:Holds:HoldClassId"] = "DISPUTE";
        });
        var holds = _p21.Get<OrderHolds>();
        var orderNo = SeededOrderNo;

        await holds.HoldAsync(orderNo, "dispute", CancellationToken.None);
        var held = _p21.Simulator.Store.FindOrder(orderNo)!;
        await holds.ReleaseAsync(orderNo, "won", CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That((held.OrderHoldClassId, held.Approved), Is.EqualTo(("DISPUTE", "Y")));
            Assert.That(_p21.Simulator.Store.FindOrder(orderNo)!.OrderHoldClassId, Is.Null);
            Assert.That(holds.Method, Is.EqualTo("HoldClass"));
        });
    }

    [Test]
    public async Task Should_refuse_an_unknown_order_and_an_rma()
    {
        _p21 = await P21Harness.StartAsync();
        var holds = _p21.Get<OrderHolds>();
        var rma = _p21.Simulator.Store.AddOrder((no, uid) => _p21.Simulator.Store.Orders[0] with { OrderNo = no, OeHdrUid = uid, RmaFlag = "Y" });

        var unknown = Assert.ThrowsAsync<PermanentFailureException>(() => holds.HoldAsync("9999999", "dispute", CancellationToken.None));
        var notAnOrder = Assert.ThrowsAsync<PermanentFailureException>(() => holds.HoldAsync(rma.OrderNo, "dispute", CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(unknown!.Message, Does.Contain("9999999 does not exist"));
            Assert.That(notAnOrder!.Message, Does.Contain("is an RMA"));
        });
    }

    [Test]
    public void Should_refuse_to_start_with_a_hold_class_method_without_a_hold_class()
    {
        var failure = Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(async () =>
            _p21 = await P21Harness.StartAsync(settings: s => s["P21:Holds:Method"] = "HoldClass"));
        Assert.That(failure!.Message, Does.Contain("P21:Holds:HoldClassId is required"));
    }
}
