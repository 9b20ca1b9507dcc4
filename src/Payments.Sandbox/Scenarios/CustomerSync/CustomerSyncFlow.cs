using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Payments.Cli;
using Payments.Contracts.CustomerSync;
using Payments.Contracts.Shared;
using Payments.Sagas.CustomerSync;
using Payments.Simulators.P21.Store;
using Payments.Simulators.Stripe.Account;
using Payments.Simulators.Znode.Store;

namespace Payments.Sandbox.Scenarios.CustomerSync;

/// <summary>A buyer as the scenarios give it to Stripe and Znode: the fields customer-sync keeps in step.</summary>
public sealed record SandboxCustomer(string Email, string Name, string Phone, string Line1, string? Line2, string City, string State, string PostalCode, string Country = "US")
{
    /// <summary>A fresh e-mail per run, so a scenario played twice in one sandbox meets no customer of its first run.</summary>
    public static string UniqueEmail(string local, string domain) => $"{local}+{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}@{domain}";

    public IReadOnlyDictionary<string, string> StripeAddress => new Dictionary<string, string>
    {
        ["line1"] = Line1, ["line2"] = Line2 ?? "", ["city"] = City, ["state"] = State, ["postal_code"] = PostalCode, ["country"] = Country,
    };

    /// <summary>What customer-sync's record should hold for each field, by <see cref="CustomerFieldNames"/>.</summary>
    public IReadOnlyDictionary<string, string?> Fields => new Dictionary<string, string?>
    {
        [CustomerFieldNames.Name] = Name, [CustomerFieldNames.Email] = Email, [CustomerFieldNames.Phone] = Phone,
        [CustomerFieldNames.AddressLine1] = Line1, [CustomerFieldNames.AddressLine2] = Line2, [CustomerFieldNames.City] = City,
        [CustomerFieldNames.Region] = State, [CustomerFieldNames.PostalCode] = PostalCode, [CustomerFieldNames.Country] = Country,
    };
}

/// <summary>
/// Drives customer-sync as the outside world does: a shopper's account is registered in the Znode simulator, the customer is created and
/// edited in the Stripe fake (whose signed <c>customer.*</c> webhooks reach the gateway), and what P21 and Znode hold is read back from the
/// simulators themselves; the link record is the saga's row (and what <c>payments customers show</c> prints of it).
/// </summary>
public sealed class CustomerSyncFlow(SandboxHost sandbox)
{
    static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    /// <summary>The fields of the read-back table, in the record's order.</summary>
    public static readonly IReadOnlyList<string> ShownFields =
    [
        CustomerFieldNames.Name, CustomerFieldNames.Email, CustomerFieldNames.Phone, CustomerFieldNames.AddressLine1, CustomerFieldNames.AddressLine2,
        CustomerFieldNames.City, CustomerFieldNames.Region, CustomerFieldNames.PostalCode, CustomerFieldNames.Country,
    ];

    /// <summary>A shopper registers in Znode with <paramref name="customer"/>'s e-mail, name and billing address (before any Stripe customer exists).</summary>
    public ZnodeUser RegisterInZnode(SandboxCustomer customer)
    {
        var at = customer.Name.LastIndexOf(' ');
        return sandbox.Znode.CreateUser(new ZnodeUserSpec
        {
            Email = customer.Email, FirstName = at < 0 ? customer.Name : customer.Name[..at], LastName = at < 0 ? null : customer.Name[(at + 1)..],
            PhoneNumber = customer.Phone,
            BillingAddress = new ZnodeUserAddress
            {
                Address1 = customer.Line1, Address2 = customer.Line2, CityName = customer.City, StateName = customer.State, PostalCode = customer.PostalCode,
                CountryName = customer.Country,
            },
        });
    }

    /// <summary>The customer is created in Stripe (<c>customer.created</c> goes to the gateway); its id.</summary>
    public string CreateInStripe(SandboxCustomer customer) => (string)sandbox.Stripe.Account.CreateCustomer(new CustomerFields
    {
        Email = customer.Email, Name = customer.Name, Phone = customer.Phone, Address = customer.StripeAddress,
    })["id"]!;

    /// <summary>
    /// The customer's name and billing address change in Stripe (<c>customer.updated</c> with <c>previous_attributes</c>); the event's id.
    /// Made at once, often in the same second as the customer's previous event: Stripe stamps events in whole seconds, the two reports tie,
    /// and the saga reads the customer back from Stripe to settle it (docs/customer-sync.md#out-of-order-repeated-and-concurrent).
    /// </summary>
    public Task<string> ChangeInStripeAsync(string customerId, SandboxCustomer changed, CancellationToken cancellationToken)
    {
        sandbox.Stripe.Account.UpdateCustomer(customerId, new CustomerFields { Name = changed.Name, Address = changed.StripeAddress });
        return Task.FromResult(sandbox.Stripe.Account.Events.First(e => e.Type == "customer.updated" && OfCustomer(e.Event, customerId)).Id);
    }

    /// <summary>
    /// As <see cref="ChangeInStripeAsync"/>, in a later second than the customer's last event: for a scenario about Stripe's own order of
    /// events, which whole-second stamps can only tell apart across seconds.
    /// </summary>
    public async Task<string> ChangeInALaterSecondAsync(string customerId, SandboxCustomer changed, CancellationToken cancellationToken)
    {
        var last = sandbox.Stripe.Account.Events.Where(e => OfCustomer(e.Event, customerId)).Select(e => (long)e.Event["created"]!).DefaultIfEmpty().Max();
        while (DateTimeOffset.UtcNow.ToUnixTimeSeconds() <= last) await Task.Delay(50, cancellationToken);
        return await ChangeInStripeAsync(customerId, changed, cancellationToken);
    }

    static bool OfCustomer(System.Text.Json.Nodes.JsonObject stripeEvent, string customerId) =>
        ((string?)stripeEvent["type"])?.StartsWith("customer.", StringComparison.Ordinal) == true && (string?)stripeEvent["data"]?["object"]?["id"] == customerId;

    /// <summary>Polls the link record until <paramref name="until"/> holds or <paramref name="within"/> has passed; the last row read.</summary>
    public async Task<CustomerState?> WaitForRecordAsync(string customerId, Func<CustomerState, bool> until, TimeSpan within, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + within;
        CustomerState? row = null;
        while (DateTime.UtcNow < deadline && !cancellationToken.IsCancellationRequested)
        {
            row = await ReadRecordAsync(customerId);
            if (row is not null && until(row)) return row;
            await Task.Delay(Poll, CancellationToken.None);
        }
        return row;
    }

    public Task<CustomerState?> ReadRecordAsync(string customerId) =>
        SagaRows.ReadAsync<CustomerState>(sandbox, CorrelationKey.StripeCustomer(customerId).ToGuid());

    /// <summary>Waits until P21 and Znode (read back from the simulators) hold <paramref name="expected"/>'s name and address; whether they do.</summary>
    public async Task<bool> WaitForSystemsAsync(CustomerState? row, SandboxCustomer expected, TimeSpan within, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + within;
        while (!cancellationToken.IsCancellationRequested)
        {
            if (InStep(row, expected)) return true;
            if (DateTime.UtcNow >= deadline) return false;
            await Task.Delay(Poll, CancellationToken.None);
        }
        return false;
    }

    /// <summary>The name and the billing address (line 1, city, state, postal code) are <paramref name="expected"/>'s in both P21 and Znode.</summary>
    public bool InStep(CustomerState? row, SandboxCustomer expected)
    {
        var p21 = P21Fields(row);
        var znode = ZnodeFields(row);
        string[] compared = [CustomerFieldNames.Name, CustomerFieldNames.AddressLine1, CustomerFieldNames.City, CustomerFieldNames.Region, CustomerFieldNames.PostalCode];
        return p21.Count > 0 && znode.Count > 0 && compared.All(f =>
            string.Equals(p21.GetValueOrDefault(f), expected.Fields[f], StringComparison.Ordinal) &&
            string.Equals(znode.GetValueOrDefault(f), expected.Fields[f], StringComparison.Ordinal));
    }

    /// <summary>The linked P21 customer as the simulator holds it, by record field; empty when none is linked or P21 has no such customer.</summary>
    public IReadOnlyDictionary<string, string?> P21Fields(CustomerState? row)
    {
        if (row?.P21CustomerId is not { } id || sandbox.P21.Store.FindCustomer(id) is not { } c) return new Dictionary<string, string?>();
        return new Dictionary<string, string?>
        {
            [CustomerFieldNames.Name] = c.CustomerName, [CustomerFieldNames.Email] = c.EmailAddress, [CustomerFieldNames.Phone] = c.CentralPhoneNumber,
            [CustomerFieldNames.AddressLine1] = c.MailAddress1, [CustomerFieldNames.AddressLine2] = c.MailAddress2, [CustomerFieldNames.City] = c.MailCity,
            [CustomerFieldNames.Region] = c.MailState, [CustomerFieldNames.PostalCode] = c.MailPostalCode, [CustomerFieldNames.Country] = c.MailCountry,
        };
    }

    /// <summary>The linked Znode user and its default billing address as the simulator holds them, by record field.</summary>
    public IReadOnlyDictionary<string, string?> ZnodeFields(CustomerState? row)
    {
        if (row?.ZnodeUserId is not { } id || sandbox.Znode.Store.FindUser(id) is not { } u) return new Dictionary<string, string?>();
        var a = u.Addresses.FirstOrDefault(x => x.IsDefaultBilling);
        var line2 = string.Join(' ', new[] { a?.Address2, a?.Address3 }.Where(s => !string.IsNullOrWhiteSpace(s)));
        return new Dictionary<string, string?>
        {
            [CustomerFieldNames.Name] = string.Join(' ', new[] { u.FirstName, u.LastName }.Where(s => !string.IsNullOrWhiteSpace(s))),
            [CustomerFieldNames.Email] = u.Email, [CustomerFieldNames.Phone] = u.PhoneNumber,
            [CustomerFieldNames.AddressLine1] = a?.Address1, [CustomerFieldNames.AddressLine2] = line2.Length == 0 ? null : line2,
            [CustomerFieldNames.City] = a?.CityName, [CustomerFieldNames.Region] = a?.StateName, [CustomerFieldNames.PostalCode] = a?.PostalCode,
            [CustomerFieldNames.Country] = a?.CountryName,
        };
    }

    /// <summary>The link record's ids and how the link was made.</summary>
    public static void PrintLink(StringBuilder text, CustomerState? row)
    {
        if (row is null)
        {
            text.AppendLine("  Link record       none (the saga never started)");
            return;
        }
        text.AppendLine($"  Link record       {row.StripeCustomerId} ↔ P21 customer {row.P21CustomerId?.ToString(CultureInfo.InvariantCulture) ?? "none"} ↔ Znode user "
                        + $"{row.ZnodeUserId?.ToString(CultureInfo.InvariantCulture) ?? "none"}: {row.CurrentState}, linked by {row.LinkedBy ?? "-"}, link version {row.LinkVersion}, "
                        + $"revision {row.Revision}{(row.QuarantinedSystem is { } q ? $", QUARANTINED in {q}: {row.QuarantineReason}" : "")}");
    }

    /// <summary>Each field: the value the record applied, the system it came from and that system's stamp, and what P21 and Znode hold now.</summary>
    public void PrintFields(StringBuilder text, CustomerState? row)
    {
        var applied = row is null ? [] : (JsonSerializer.Deserialize<CustomerRecordJson>(row.Record)?.Applied ?? []);
        var p21 = P21Fields(row);
        var znode = ZnodeFields(row);
        text.AppendLine($"  {"Field",-13} {"Record (source, stamp)",-58} {"P21 (read back)",-28} {"Znode (read back)"}");
        foreach (var field in ShownFields)
        {
            var a = applied.FirstOrDefault(x => x.Field == field);
            var record = a is null ? "(none)" : $"{a.Value ?? "(empty)"} ← {a.Source} {a.At.UtcDateTime:HH:mm:ss}{(a.Reference is { } r ? " " + r : "")}";
            text.AppendLine($"  {field,-13} {Cut(record, 58),-58} {Cut(p21.GetValueOrDefault(field) ?? "(empty)", 28),-28} {znode.GetValueOrDefault(field) ?? "(empty)"}");
        }
    }

    /// <summary>The last merge's decisions, as the audit trail keeps them.</summary>
    public static IReadOnlyList<CustomerDecisionJson> Decisions(CustomerState? row) =>
        row is null ? [] : JsonSerializer.Deserialize<List<CustomerDecisionJson>>(row.LastDecisions) ?? [];

    /// <summary>Runs <c>payments customers show</c> with the sandbox's own settings; the exit code and what it printed.</summary>
    public async Task<(int ExitCode, string Output)> ShowWithCliAsync(string customerId)
    {
        var (exit, output, error) = await SandboxCli.RunAsync(sandbox, "customers", "show", customerId);
        return (exit, exit == ExitCodes.Done ? output : error);
    }

    static string Cut(string value, int width) => value.Length <= width ? value : value[..(width - 1)] + "…";

    /// <summary>The event's <c>created</c> (whole seconds, as Stripe stamps it).</summary>
    public long EventCreated(string eventId) =>
        (long)sandbox.Stripe.Account.Events.First(e => e.Id == eventId).Event["created"]!;

    public static string Indent(string block) => string.Join(Environment.NewLine, block.TrimEnd().Split('\n').Select(l => "    " + l.TrimEnd('\r')));

}
