using System.Net;
using Payments.Simulators.Znode;
using Payments.Simulators.Znode.Store;

namespace Payments.Simulators.Tests.Znode;

/// <summary>
/// RMA returns on the simulated Znode API: save vs submit (201 <c>{"Return":…}</c>), Znode's refusals with their codes (301 for an
/// order that cannot be returned), the admin's state change through the same POST, the reads (details, list with the order list's
/// grammar, 204 when empty, the state table), notes, and the control routes that create and approve a return as an admin would.
/// </summary>
[TestFixture]
public class When_returning_a_znode_order
{
    ZnodeSimulator _znode = null!;
    ZnodeApiClient _api = null!;
    ControlClient _control = null!;

    [SetUp]
    public async Task Start()
    {
        _znode = await ZnodeSimulator.StartAsync();
        _api = new ZnodeApiClient(_znode);
        _control = new ControlClient(_znode.BaseUrl);
    }

    [TearDown]
    public async Task Stop()
    {
        _control.Dispose();
        _api.Dispose();
        await _znode.DisposeAsync();
    }

    ZnodeOrder Paid(string currency = "USD", decimal price = 50m, decimal quantity = 2m) => _znode.PlaceOrder(new ZnodeOrderSpec
    {
        CurrencyCode = currency, PaymentStatus = "CAPTURED", Lines = [new() { Sku = "ABC-1", ProductName = "Widget", Quantity = quantity, Price = price }],
    });

    object ReturnBody(ZnodeOrder order, decimal quantity) => new
    {
        OrderNumber = order.OrderNumber, PortalId = order.PortalId, UserId = order.UserId,
        ReturnLineItems = new[] { new { OmsOrderLineItemsId = order.Lines[0].OmsOrderLineItemsId, ExpectedReturnQuantity = quantity } },
    };

    [Test]
    public async Task Should_save_and_submit_a_return_with_201_and_its_number_and_amount()
    {
        var order = Paid();

        var saved = await _api.PostAsync("/rmareturn/saveorderreturn", ReturnBody(order, 1));
        var submitted = await _api.PostAsync("/rmareturn/submitorderreturn", ReturnBody(order, 1));
        var details = await _api.GetAsync($"/rmareturn/getreturndetails/{(string)submitted.Body!["Return"]!["ReturnNumber"]!}");

        Assert.Multiple(() =>
        {
            Assert.That(saved.Status, Is.EqualTo(HttpStatusCode.Created), saved.Text);
            Assert.That((int)saved.Body!["Return"]!["RmaReturnStateId"]!, Is.EqualTo(20));
            Assert.That((string?)saved.Body["Return"]!["ReturnStatus"], Is.EqualTo("Not Submitted"));
            Assert.That(submitted.Status, Is.EqualTo(HttpStatusCode.Created));
            Assert.That((int)submitted.Body!["Return"]!["RmaReturnStateId"]!, Is.EqualTo(10));
            Assert.That((string?)submitted.Body["Return"]!["ReturnNumber"], Does.Match(@"^ROMA-\d{6}-\d{6}-[A-Z]{3}$"));
            Assert.That((decimal)submitted.Body["Return"]!["TotalReturnAmount"]!, Is.EqualTo(50m));
            Assert.That(details.Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((decimal)details.Body!["Return"]!["ReturnLineItems"]![0]!["RefundAmount"]!, Is.EqualTo(50m));
            Assert.That((string?)details.Body["Return"]!["OrderNumber"], Is.EqualTo(order.OrderNumber));
        });
    }

    [Test]
    public async Task Should_refuse_as_znode_does_with_its_error_codes()
    {
        var order = Paid();
        var unpaid = _znode.PlaceOrder(new ZnodeOrderSpec());

        var noBody = await _api.PostAsync("/rmareturn/submitorderreturn", "null");
        var noNumber = await _api.PostAsync("/rmareturn/submitorderreturn", new { PortalId = 1, UserId = 77, ReturnLineItems = new[] { new { OmsOrderLineItemsId = 1, ExpectedReturnQuantity = 1 } } });
        var noLines = await _api.PostAsync("/rmareturn/submitorderreturn", new { OrderNumber = order.OrderNumber, PortalId = 1, UserId = 77 });
        var noUser = await _api.PostAsync("/rmareturn/submitorderreturn", new { OrderNumber = order.OrderNumber, PortalId = 1, UserId = 0, ReturnLineItems = new[] { new { OmsOrderLineItemsId = 1, ExpectedReturnQuantity = 1 } } });
        var notPaid = await _api.PostAsync("/rmareturn/submitorderreturn", ReturnBody(unpaid, 1));
        var tooMany = await _api.PostAsync("/rmareturn/submitorderreturn", ReturnBody(order, 3));
        var unknownReturn = await _api.GetAsync("/rmareturn/getreturndetails/RONOPE");

        Assert.Multiple(() =>
        {
            Assert.That(noBody.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(noNumber.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(noNumber.Body!["CustomModelState"]!["model.OrderNumber"], Is.Not.Null);
            Assert.That((noLines.Status, (int?)noLines.Body!["ErrorCode"]), Is.EqualTo((HttpStatusCode.InternalServerError, (int?)1)));
            Assert.That((int?)noUser.Body!["ErrorCode"], Is.EqualTo(6));
            Assert.That((notPaid.Status, (int?)notPaid.Body!["ErrorCode"]), Is.EqualTo((HttpStatusCode.InternalServerError, (int?)301)), notPaid.Text);
            Assert.That((int?)tooMany.Body!["ErrorCode"], Is.EqualTo(5), "two were ordered");
            Assert.That(unknownReturn.Status, Is.EqualTo(HttpStatusCode.NoContent));
        });
    }

    [Test]
    public async Task Should_change_the_state_as_the_admin_does_and_keep_notes_and_history()
    {
        var order = Paid();
        var submitted = _znode.CreateReturn(order.OrderNumber);

        var approved = await _api.PostAsync("/rmareturn/submitorderreturn", new
        {
            IsAdminRequest = true, ReturnNumber = submitted.ReturnNumber, OrderNumber = order.OrderNumber, PortalId = 1, UserId = 77, RmaReturnStateId = 70, Notes = "one came back scratched",
            ReturnLineItems = new[] { new { OmsOrderLineItemsId = order.Lines[0].OmsOrderLineItemsId, RmaReturnStateId = 70, ReturnedQuantity = 2m, RefundAmount = 80m } },
        });
        var note = await _api.PostAsync("/rmareturn/savereturnnotes", new { ReturnNumber = submitted.ReturnNumber, Notes = "refund on its way", CreatedByName = "Payments" });
        var processed = await _api.PostAsync("/rmareturn/saveorderreturn", new { IsAdminRequest = true, ReturnNumber = submitted.ReturnNumber, OrderNumber = order.OrderNumber, PortalId = 1, UserId = 77, RmaReturnStateId = 80 });
        var badState = await _api.PostAsync("/rmareturn/saveorderreturn", new { IsAdminRequest = true, ReturnNumber = submitted.ReturnNumber, OrderNumber = order.OrderNumber, PortalId = 1, UserId = 77, RmaReturnStateId = 99 });
        var stored = _znode.Store.FindReturn(submitted.ReturnNumber)!;

        Assert.Multiple(() =>
        {
            Assert.That(approved.Status, Is.EqualTo(HttpStatusCode.Created), approved.Text);
            Assert.That((string?)approved.Body!["Return"]!["ReturnStatus"], Is.EqualTo("Partially Approved"));
            Assert.That((decimal)approved.Body["Return"]!["TotalReturnAmount"]!, Is.EqualTo(80m));
            Assert.That((bool)note.Body!["IsSuccess"]!, Is.True);
            Assert.That((string?)processed.Body!["Return"]!["ReturnStatus"], Is.EqualTo("Refund Processed"));
            Assert.That((int?)badState.Body!["ErrorCode"], Is.EqualTo(5));
            Assert.That(stored.Notes.Select(n => n.Notes), Is.EqualTo(new[] { "one came back scratched", "refund on its way" }));
            Assert.That(stored.History.Select(h => h.Message), Is.EqualTo(new[] { "Submitted", "Partially Approved", "Refund Processed" }));
            Assert.That(_znode.Store.ChangesOf(order.OrderNumber).Select(c => c.Kind), Has.Some.EqualTo(ZnodeChangeKinds.ReturnState));
        });
    }

    [Test]
    public async Task Should_list_returns_with_the_order_lists_grammar_and_204_when_none_match()
    {
        var empty = await _api.GetAsync("/rmareturn/list");
        var orders = Enumerable.Range(0, 3).Select(_ => Paid()).ToList();
        var returns = orders.Select(o => _znode.CreateReturn(o.OrderNumber)).ToList();
        _znode.ApproveReturn(returns[0].ReturnNumber);
        _znode.ApproveReturn(returns[2].ReturnNumber, 30m);

        var approved = await _api.GetAsync("/rmareturn/list?filter=RmaReturnStateId~in~50^70&sort=ModifiedDate~asc&page=index~1,size~1");
        var second = await _api.GetAsync("/rmareturn/list?filter=RmaReturnStateId~in~50^70&sort=ModifiedDate~asc&page=index~2,size~1");
        var none = await _api.GetAsync("/rmareturn/list?filter=ReturnStatus~eq~Refund Processed");
        var badColumn = await _api.GetAsync("/rmareturn/list?filter=Nope~eq~1");
        var states = await _api.GetAsync("/rmareturn/getreturnstatuslist");

        Assert.Multiple(() =>
        {
            Assert.That(empty.Status, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That((int?)approved.Body!["TotalResults"], Is.EqualTo(2));
            Assert.That((string?)approved.Body["ReturnList"]!["Returns"]![0]!["ReturnNumber"], Is.EqualTo(returns[0].ReturnNumber));
            Assert.That((string?)second.Body!["ReturnList"]!["Returns"]![0]!["ReturnStatus"], Is.EqualTo("Partially Approved"));
            Assert.That((decimal)second.Body["ReturnList"]!["Returns"]![0]!["TotalReturnAmount"]!, Is.EqualTo(30m));
            Assert.That(none.Status, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(badColumn.Status, Is.EqualTo(HttpStatusCode.InternalServerError));
            Assert.That(states.Body!["ReturnStates"]!.AsArray().Select(s => (int)s!["RmaReturnStateId"]!), Is.EqualTo(new[] { 10, 20, 30, 40, 50, 60, 70, 80 }));
        });
    }

    [TestCase("JPY", 1200, "1200")]
    [TestCase("KWD", 12.345, "12.345")]
    public async Task Should_create_and_approve_a_return_through_the_control_routes(string currency, decimal price, string expected)
    {
        var order = Paid(currency, price, 3m);

        var (created, body) = await _control.PostRawAsync("/_sim/returns", $$"""{"orderNumber": "{{order.OrderNumber}}", "lines": [{"sku": "ABC-1", "quantity": 1}]}""");
        var number = (string)body!["returnNumber"]!;
        var (tooMuch, _) = await _control.PostRawAsync($"/_sim/returns/{number}/approve", """{"amount": 1000000}""");
        var (approved, approvedBody) = await _control.PostRawAsync($"/_sim/returns/{number}/approve", "{}");
        var (_, read) = await _control.GetAsync($"/_sim/returns/{number}");
        var (notReturnable, error) = await _control.PostRawAsync("/_sim/returns", $$"""{"orderNumber": "{{_znode.PlaceOrder(new ZnodeOrderSpec()).OrderNumber}}"}""");

        Assert.Multiple(() =>
        {
            Assert.That(created, Is.EqualTo(HttpStatusCode.Created), body.ToJsonString());
            Assert.That((decimal)body["totalReturnAmount"]!, Is.EqualTo(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(tooMuch, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(approved, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((string?)approvedBody!["returnState"], Is.EqualTo("Approved"));
            Assert.That((string?)read!["orderPaymentStatus"], Is.EqualTo("Captured"));
            Assert.That((string?)read["currencyCode"], Is.EqualTo(currency));
            Assert.That(notReturnable, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That((string?)error!["error"], Does.Contain("301"));
        });
    }

    [Test]
    public async Task Should_set_the_refund_payment_statuses_by_name()
    {
        var order = Paid();

        var partially = await _api.GetAsync($"/orders/updateorderpaymentstatus/{order.OmsOrderId}/PARTIALLY REFUNDED");
        var afterPartial = _znode.Store.PaymentName(_znode.Store.FindOrder(order.OmsOrderId)!.OmsPaymentStateId);
        var refunded = await _api.GetAsync($"/orders/updateorderpaymentstatus/{order.OmsOrderId}/REFUNDED");

        Assert.Multiple(() =>
        {
            Assert.That((bool)partially.Body!["IsSuccess"]!, Is.True);
            Assert.That(afterPartial, Is.EqualTo("Partially Refunded"));
            Assert.That((bool)refunded.Body!["IsSuccess"]!, Is.True);
            Assert.That(_znode.Store.PaymentName(_znode.Store.FindOrder(order.OmsOrderId)!.OmsPaymentStateId), Is.EqualTo("Refunded"));
        });
    }
}
