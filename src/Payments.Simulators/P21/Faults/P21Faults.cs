using System.Globalization;
using Payments.Simulators.Shared.Faults;

namespace Payments.Simulators.P21.Faults;

/// <summary>The simulator's route names, as the request log, fault rules and <c>GET /_sim</c> name them.</summary>
public enum P21Route { Token, Router, OData, Transaction, TransactionGet, Gl }

/// <summary>P21's misbehaviours, expressed as faults of the shared model (<see cref="Fault"/>).</summary>
public static class P21Fault
{
    /// <summary>The <see cref="Fault.Effect"/>s the Transaction route understands.</summary>
    public const string BusinessRuleFailureEffect = "BusinessRuleFailure";
    /// <summary>A pooled session left with a dialog open by an earlier call: <c>Failed</c>, nothing saved.</summary>
    public const string UnexpectedResponseWindowEffect = "UnexpectedResponseWindow";
    /// <summary>The same dialog met while the window is cleared after the save: <c>Failed</c>, yet the document was saved.</summary>
    public const string UnexpectedResponseWindowAfterSaveEffect = "UnexpectedResponseWindowAfterSave";
    /// <summary>Another user holds a lock on a record the transaction needs: <c>Failed</c>, nothing saved.</summary>
    public const string RecordLockedEffect = "RecordLocked";
    /// <summary>The order passes, but its last line is not stored (an automatically answered prompt removed it).</summary>
    public const string DropLineEffect = "DropLine";
    /// <summary>The order passes, but every line is priced at the item's list price whatever price was sent.</summary>
    public const string IgnoreLinePriceEffect = "IgnoreLinePrice";

    /// <summary>HTTP 500 with P21's REST error envelope.</summary>
    public static Fault ServerError(string message = "Simulated P21 server error") => Fault.Respond(500, message);

    /// <summary>Waits, then answers normally: a client with a shorter time-out gives up while P21 still does the work (an order may be created).</summary>
    public static Fault Slow(TimeSpan delay) => Fault.Slow(delay);

    /// <summary>HTTP 401 "Authorization has been denied for this request." whatever the token.</summary>
    public static Fault Unauthorized() => Fault.Respond(401);

    /// <summary>
    /// HTTP 401 "You are not authorized to access API" whatever the token: the API user lacks a permission (OData API access, a table's
    /// data-service permission), as P21 answers it (docs/external-apis/p21.md#tokens).
    /// </summary>
    public static Fault PermissionDenied() => new() { Status = 401, Body = PermissionDeniedMessage, ContentType = "text/plain; charset=utf-8" };

    /// <summary>P21's words for a missing permission [seen].</summary>
    public const string PermissionDeniedMessage = "You are not authorized to access API";

    /// <summary>HTTP 429 with an empty body and, when given, <c>Retry-After</c> in seconds.</summary>
    public static Fault TooManyRequests(TimeSpan? retryAfter = null) => new()
    {
        Status = 429,
        Body = "",
        Headers = retryAfter is { } after
            ? new Dictionary<string, string> { ["Retry-After"] = ((int)Math.Ceiling(after.TotalSeconds)).ToString(CultureInfo.InvariantCulture) }
            : new Dictionary<string, string>(),
    };

    /// <summary>Transaction API only: HTTP 200 with <c>Summary.Failed = 1</c> and this message ("Transaction 1:: " is prefixed).</summary>
    public static Fault BusinessRuleFailure(string message) => new() { Effect = BusinessRuleFailureEffect, Message = message };

    /// <summary>
    /// Transaction API only: HTTP 200, <c>Failed</c>, "P21.UI.Common.UiServerException: Unexpected response window: …" [seen], as a pooled
    /// session contaminated by an earlier call's open dialog answers, intermittently (docs/external-apis/p21.md#session-pool-and-limits).
    /// <paramref name="afterSave"/>: the dialog is met while the window is cleared after the save, so the document exists all the same.
    /// </summary>
    public static Fault UnexpectedResponseWindow(bool afterSave = false, string window = "Email Order Acknowledgement") => new()
    {
        Effect = afterSave ? UnexpectedResponseWindowAfterSaveEffect : UnexpectedResponseWindowEffect, Message = window,
    };

    /// <summary>Transaction API only: HTTP 200, <c>Failed</c>, a record lock held by another user (our wording; P21's is not public).</summary>
    public static Fault RecordLocked(string message = "Record is locked by another user.") => new() { Effect = RecordLockedEffect, Message = message };

    /// <summary>
    /// Transaction API only: the set passes (<c>Succeeded: 1</c>) but P21 keeps the order without its last line, as when a window prompt
    /// answered "No" automatically removes it [seen] (docs/external-apis/p21.md#transaction-failures).
    /// </summary>
    public static Fault DropsLine() => new() { Effect = DropLineEffect };

    /// <summary>Transaction API only: the set passes but the lines are priced at <c>inv_mast.price1</c>, ignoring the price sent [inferred].</summary>
    public static Fault IgnoresLinePrice() => new() { Effect = IgnoreLinePriceEffect };

    /// <summary>
    /// HTTP 500 "Window &lt;&lt;…&gt;&gt; is not available or user does not have permission to open it" [seen]: the API user may not open the
    /// service's window. Retrying does not help.
    /// </summary>
    public static Fault WindowNotAvailable(string window = "Order") =>
        Fault.Respond(500, $"Window <<{window}>> is not available or user does not have permission to open it");
}

/// <summary>The P21 simulator's former fault API on the shared <see cref="FaultInjector"/>, by <see cref="P21Route"/>.</summary>
public static class P21FaultInjectorExtensions
{
    /// <param name="faults">The simulator's <see cref="FaultInjector"/>.</param>
    /// <param name="route">Which route misbehaves.</param>
    /// <param name="fault">How (see <see cref="P21Fault"/>).</param>
    /// <param name="times">For how many consecutive calls.</param>
    /// <param name="after">How many calls of the route pass normally first (e.g. to hit a read-back after a create).</param>
    public static string Inject(this FaultInjector faults, P21Route route, Fault fault, int times = 1, int after = 0) =>
        faults.FailNext(route.ToString(), fault, times, after: after);

    /// <summary>Faults still waiting for a call of this route.</summary>
    public static int Pending(this FaultInjector faults, P21Route route) => faults.Pending(route.ToString());
}
