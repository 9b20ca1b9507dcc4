namespace Payments.Simulators.Znode;

/// <summary>
/// How the Znode simulator listens, whom it lets in, and how it behaves where Znode's public material is silent
/// (docs/external-apis/znode.md#assumptions-not-confirmed).
/// </summary>
public sealed class ZnodeSimulatorOptions
{
    /// <summary>Configuration section used by the stand-alone simulator host.</summary>
    public const string Section = "Simulators:Znode";

    public string Host { get; set; } = "127.0.0.1";
    /// <summary>0 = any free port (tests); the real address is <see cref="Shared.Hosting.Simulator.BaseUrl"/>.</summary>
    public int Port { get; set; }

    /// <summary>The store's domain (a <c>ZnodeDomain</c> row): sent as <c>Znode-DomainName</c> and as the first half of the Basic credentials.</summary>
    public string DomainName { get; set; } = "znode-sim.local";
    /// <summary>The domain's API key (<c>ZnodeDomain.ApiKey</c>), compared case-sensitively as Znode does.</summary>
    public string ApiKey { get; set; } = "3a8c2b6e-5f4d-4e71-9c0a-6b2d8e1f7a90";

    /// <summary>Answer writes without a <c>Znode-UserId</c> header with 401 (ErrorCode 32). Znode 9.x does not ask for one (docs/external-apis/znode.md#acting-user); off by default.</summary>
    public bool RequireUserIdOnWrites { get; set; }

    /// <summary>Order numbers start with the first two letters of the store name, upper case (<c>MA-210504-132210-QZK</c>).</summary>
    public string StoreName { get; set; } = "Maple Supply";
    public int PortalId { get; set; } = 1;

    /// <summary>
    /// The id of the first user registered. A host that keeps its services' databases across runs of a fresh simulator (the sandbox) starts
    /// each run elsewhere, so a link kept from an earlier run never names a user of this one (Znode never reuses a user id).
    /// </summary>
    public int FirstUserId { get; set; } = 101;

    /// <summary>IANA id of the zone Znode's unzoned dates are in (its server's clock). Not published: docs/external-apis/znode.md#dates.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>The order states (<c>ZnodeOmsOrderState</c>); null = Znode's defaults (<see cref="Store.ZnodeStates.DefaultOrderStates"/>).</summary>
    public List<ZnodeOrderStateOption>? OrderStates { get; set; }

    /// <summary>
    /// The payment states (<c>ZnodeOmsPaymentState</c>); null = the names Znode's code uses with ids of our choosing
    /// (<see cref="Store.ZnodeStates.DefaultPaymentStates"/>: Znode's ids are not public).
    /// </summary>
    public List<ZnodePaymentStateOption>? PaymentStates { get; set; }

    /// <summary>The RMA return states (<c>ZnodeRmaReturnState</c>); null = Znode's (<see cref="Store.ZnodeReturnStates.Defaults"/>).</summary>
    public List<ZnodeReturnStateOption>? ReturnStates { get; set; }

    /// <summary>
    /// Payment states (names, without case) an order must be in to be returned; Znode decides eligibility by its return settings
    /// (docs/external-apis/znode.md#returns): the simulator asks for a payment that went through.
    /// </summary>
    public List<string> ReturnablePaymentStatuses { get; set; } = ["CAPTURED", "PARTIALLY REFUNDED"];

    /// <summary>The payment status a placed order starts in, unless the shopper's order says otherwise.</summary>
    public string InitialPaymentStatus { get; set; } = "PENDING";

    /// <summary>Znode 10's webhook consumer: where a placed order is announced. Null = Znode 9.x (no webhooks; integrations poll).</summary>
    public ZnodeWebhookOptions? Webhook { get; set; }

    /// <summary>Log requests to the console (the stand-alone host); tests keep it quiet.</summary>
    public bool ConsoleLogging { get; set; }
}

/// <summary>One row of <c>ZnodeOmsOrderState</c>.</summary>
public sealed class ZnodeOrderStateOption
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    /// <summary>False for line-item-only states such as RETURNED.</summary>
    public bool IsOrderState { get; set; } = true;
}

/// <summary>One row of <c>ZnodeRmaReturnState</c>.</summary>
public sealed class ZnodeReturnStateOption
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
}

/// <summary>One row of <c>ZnodeOmsPaymentState</c>.</summary>
public sealed class ZnodePaymentStateOption
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
}

/// <summary>
/// Znode 10's "Webhook Consumer": a JSON POST per event to a URL configured in the Admin. Its envelope and signature are not
/// published (docs/external-apis/znode.md#webhooks); this simulator's are our invention, and the Znode service's settings (<c>Znode:Webhook</c>) say where
/// its fields are, so both can be changed to Znode's real ones.
/// </summary>
public sealed class ZnodeWebhookOptions
{
    public string Url { get; set; } = "";
    /// <summary>Shared secret of the HMAC-SHA256 signature; empty sends unsigned.</summary>
    public string? Secret { get; set; }
    public string SignatureHeader { get; set; } = "X-Znode-Signature";
    public string TimestampHeader { get; set; } = "X-Znode-Timestamp";
    /// <summary>The event name of a placed order.</summary>
    public string OrderCreatedEvent { get; set; } = "Order Created";
}
