using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Payments.Contracts.CustomerSync;
using Payments.Domain.Customers;
using Payments.Domain.P21;
using Payments.P21Service.Client;
using Payments.P21Service.Client.Transactions;
using Payments.ServiceDefaults.Failures;
using Polly.Timeout;

namespace Payments.P21Service.Customers;

/// <summary>
/// Brings a P21 customer in step with the customer record (src/Payments.P21Service/README.md#customers-and-subscriptions): finds it (the command's id, this service's link copy,
/// else the e-mail) or creates it when allowed; checks the <b>whole</b> record against what P21 takes before writing anything
/// (<see cref="P21CustomerValidation"/>), so bad data fails whole, naming every problem, with nothing written; writes only the fields
/// whose revision is not older than the one this service last wrote them at (an older command after a newer one skips them); reads the
/// customer back, so P21's own fields (credit terms) reach the record.
/// </summary>
public sealed class P21CustomerSync(
    IP21Api api, P21Transactions transactions, CustomerResolver resolver, CustomerLinks links, AbandonedTransactions abandoned, P21SelfChecks selfChecks,
    FieldOwnership ownership, IOptions<CustomerOptions> options, IOptions<P21Options> p21, TimeProvider time, ILogger<P21CustomerSync> logger)
{
    /// <summary>Every field as written by one system, so the check reads the record as given (which system owns a field is not this step's question).</summary>
    static readonly FieldOwnership AsGiven = FieldOwnership.From(CustomerFields.All.Select(f =>
        new FieldRule(f, [CustomerSystem.Stripe], [CustomerSystem.Stripe, CustomerSystem.P21, CustomerSystem.Znode])));

    public async Task<P21CustomerSynced> SyncAsync(SyncP21Customer command, CancellationToken cancellationToken)
    {
        var customer = command.StripeCustomerId;
        var fields = Parse(command.Fields, customer, nameof(command.Fields));
        var whole = Parse(command.Record, customer, nameof(command.Record));
        foreach (var (field, value) in fields) whole[field] = value;

        // A command every field of which a later revision wrote already (an old command redriven after a fix went through) has nothing left to
        // write: answered as skipped whole, before the check, so the old bad data it carries cannot quarantine the customer again.
        if (await SupersededAsync(command, fields, cancellationToken) is { } superseded)
            return superseded;

        var check = Check(whole);
        if (!check.IsValid)
            throw new PermanentFailureException(
                $"Stripe customer {customer} (revision {command.Revision}) is not valid for P21; nothing was written. {string.Join(" ", check.Problems.Select(p => p.Message))}", "P21");

        var link = await links.FindOrAddAsync(customer, cancellationToken);
        var found = await FindAsync(command, link, whole, cancellationToken);
        if (found is null)
        {
            logger.LogInformation("No P21 customer for Stripe customer {StripeCustomerId} and creating is off; it stays unlinked in P21", customer);
            return Synced(command, null, created: false, "none", [], [], new Dictionary<string, string?>(), null);
        }
        var (customerId, matchedBy) = found.Value;
        var revisions = CustomerLinks.Revisions(link);
        List<CustomerField> written;
        List<CustomerField> skipped = [];
        var created = matchedBy == "created";
        if (created)
        {
            written = whole.Keys.Where(f => Column(f) is not null && whole[f] is not null).ToList();
            // The new customer holds the whole record as of this revision, an empty field included: an older command has nothing to add.
            foreach (var field in whole.Keys.Where(f => Column(f) is not null))
                revisions[field.ToString()] = Math.Max(command.Revision, revisions.GetValueOrDefault(field.ToString()));
        }
        else
        {
            skipped = fields.Keys.Where(f => revisions.TryGetValue(f.ToString(), out var at) && at > command.Revision).ToList();
            written = fields.Keys.Where(f => Column(f) is not null && !skipped.Contains(f)).ToList();
            if (written.Count > 0)
                await transactions.PostAsync(UpdateSet(customerId, written.Select(f => (Column(f)!, fields[f]))),
                    $"the update of P21 customer {customerId} for {customer} (revision {command.Revision})", cancellationToken);
            if (skipped.Count > 0)
                logger.LogInformation("Stripe customer {StripeCustomerId} revision {Revision}: {Fields} written by a later revision already; not written",
                    customer, command.Revision, string.Join(", ", skipped));
        }
        foreach (var field in written) revisions[field.ToString()] = Math.Max(command.Revision, revisions.GetValueOrDefault(field.ToString()));
        CustomerLinks.SetRevisions(link, revisions);
        await links.RememberP21CustomerAsync(customer, customerId, cancellationToken);

        var (values, modifiedAt) = await ReadAsync(customerId, cancellationToken);
        return Synced(command, customerId, created, matchedBy, written, skipped, values, modifiedAt);
    }

    async Task<P21CustomerSynced?> SupersededAsync(SyncP21Customer command, IReadOnlyDictionary<CustomerField, string?> fields, CancellationToken cancellationToken)
    {
        // A field P21 has no column for is never written, so it neither makes a command current nor stale.
        var writable = fields.Keys.Where(f => Column(f) is not null).ToList();
        if (writable.Count == 0 || await links.FindAsync(command.StripeCustomerId, cancellationToken) is not { } link)
            return null;
        var revisions = CustomerLinks.Revisions(link);
        if (!writable.All(f => revisions.TryGetValue(f.ToString(), out var at) && at > command.Revision))
            return null;
        var customerId = command.P21CustomerId ?? (link is { Unlinked: false, P21CustomerId: { } copy } ? copy : null);
        logger.LogInformation("Stripe customer {StripeCustomerId} revision {Revision}: every field ({Fields}) was written by a later revision already; nothing checked or written",
            command.StripeCustomerId, command.Revision, string.Join(", ", writable));
        return Synced(command, customerId, created: false, customerId is null ? "none" : "link", [], fields.Keys, new Dictionary<string, string?>(), null);
    }

    /// <summary>The domain's check with this installation's lengths, over the fields P21 keeps by the configured ownership.</summary>
    P21CustomerCheck Check(IReadOnlyDictionary<CustomerField, string?> whole)
    {
        var record = CustomerMerge.Apply(CustomerRecord.Empty, CustomerUpdate.Snapshot(CustomerSystem.Stripe, new SourceStamp(time.GetUtcNow()), whole), AsGiven).Record;
        var lengths = new Dictionary<string, int>(options.Value.FieldLengths, StringComparer.OrdinalIgnoreCase);
        // The configured e-mail field is where the e-mail goes: its length is the e-mail's.
        if (options.Value.FieldLengths.TryGetValue(options.Value.EmailField, out var email)) lengths["email_address"] = email;
        return P21CustomerValidation.Check(record, ownership, lengths);
    }

    async Task<(long CustomerId, string MatchedBy)?> FindAsync(SyncP21Customer command, Data.CustomerLink link, IReadOnlyDictionary<CustomerField, string?> whole,
        CancellationToken cancellationToken)
    {
        var linked = command.P21CustomerId ?? (link is { Unlinked: false, P21CustomerId: { } copy } ? copy : null);
        if (linked is { } id)
        {
            if ((await resolver.ActiveCustomersAsync([id], cancellationToken)).Count == 0)
                throw new PermanentFailureException(
                    $"P21 customer {id}, linked to Stripe customer {command.StripeCustomerId}, is not an active customer of P21 company {p21.Value.CompanyId}. "
                    + "Link the Stripe customer to another (payments customers link), then redrive.", "P21");
            return (id, "link");
        }
        var email = CustomerMatching.NormaliseEmail(whole.GetValueOrDefault(CustomerField.Email));
        if (email is not null)
        {
            var byEmail = await resolver.FindByEmailAsync(email, cancellationToken);
            if (byEmail.Count > 1)
                throw new PermanentFailureException(
                    $"E-mail {email} of Stripe customer {command.StripeCustomerId} belongs to several P21 customers ({string.Join(", ", byEmail)}); "
                    + "link one (payments customers link --p21 N), then redrive.", "P21");
            if (byEmail.Count == 1)
            {
                abandoned.Forget(CreateKey(email));
                return (byEmail[0], "email");
            }
        }
        if (!command.CreateIfMissing) return null;
        return (await CreateAsync(command, email, whole, cancellationToken), "created");
    }

    static string CreateKey(string? email) => "customer:" + email;

    async Task<long> CreateAsync(SyncP21Customer command, string? email, IReadOnlyDictionary<CustomerField, string?> whole, CancellationToken cancellationToken)
    {
        var customer = command.StripeCustomerId;
        if (email is null)
            // Without an e-mail the created customer could never be found again; the check above asks for one unless configured otherwise.
            throw new PermanentFailureException($"Not creating a P21 customer for Stripe customer {customer}: it has no e-mail to find it by again.", "P21");
        if (selfChecks.EmailProblem is { } problem)
            throw new PermanentFailureException($"Not creating a P21 customer for {customer}: {problem}", "P21");
        if (abandoned.MayStillRun(CreateKey(email)) is { } stillRunning)
            throw new TransientFailureException(
                $"The new P21 customer for {email} was sent before and may still be created there; not creating it again for {stillRunning.TotalSeconds:0} s.", stillRunning);
        TransactionResponse response;
        try
        {
            response = await transactions.PostAsync(CreateSet(whole), $"the new customer for Stripe customer {customer}", cancellationToken);
        }
        catch (TransientFailureException e) when (e.InnerException is TimeoutRejectedException or TimeoutException or OperationCanceledException)
        {
            var wait = p21.Value.RequestTimeout;
            abandoned.Remember(CreateKey(email), time.GetUtcNow() + wait);
            throw new TransientFailureException($"{e.Message} P21 may still be creating it; the retry looks for it by e-mail after {wait.TotalSeconds:0} s.",
                e.RetryAfter > wait ? e.RetryAfter : wait, e);
        }
        abandoned.Forget(CreateKey(email));
        var created = response.ResultValue(NewCustomerSet.GeneralTab, "customer_id");
        if (!long.TryParse(created, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            throw new TransientFailureException($"P21 accepted the new customer for {customer} but returned no customer_id ({P21Transactions.Messages(response)}); the retry finds it by e-mail.");
        logger.LogInformation("Created P21 customer {CustomerId} for Stripe customer {StripeCustomerId}", id, customer);
        return id;
    }

    string? Column(CustomerField field) => P21CustomerColumns.For(field, options.Value);

    TransactionSet CreateSet(IReadOnlyDictionary<CustomerField, string?> whole) =>
        TransactionSet.For("Customer")
            .Form(NewCustomerSet.GeneralTab, general =>
            {
                general.Field("customer_name", whole.GetValueOrDefault(CustomerField.Name)?.Trim()).Field("salesrep_id", options.Value.SalesrepId);
                foreach (var (field, value) in whole.Where(f => f.Key != CustomerField.Name).OrderBy(f => f.Key))
                    if (Column(field) is { } column) general.FieldIfPresent(column, value);
            })
            .Form(NewCustomerSet.ShipToTab, shipTo => shipTo.Field("default_branch", options.Value.DefaultBranch))
            .Build();

    /// <summary>An update is the Customer form with the customer's id among its edits (docs/external-apis/p21.md#customer-update) [inferred]; an empty value clears a field.</summary>
    static TransactionSet UpdateSet(long customerId, IEnumerable<(string Column, string? Value)> values) =>
        TransactionSet.For("Customer")
            .Form(NewCustomerSet.GeneralTab, general =>
            {
                general.Field("customer_id", customerId);
                foreach (var (column, value) in values) general.Field(column, value?.Trim() ?? "");
            })
            .Build();

    /// <summary>The customer as P21 holds it now, by <see cref="CustomerFieldNames"/>, and P21's <c>date_last_modified</c> in UTC.</summary>
    public async Task<(IReadOnlyDictionary<string, string?> Fields, DateTimeOffset? ModifiedAt)> ReadAsync(long customerId, CancellationToken cancellationToken)
    {
        var id = customerId.ToString(CultureInfo.InvariantCulture);
        var taxField = options.Value.TaxIdField;
        var select = "customer_id,customer_name,terms_id,credit_status,date_last_modified" + (string.IsNullOrWhiteSpace(taxField) ? "" : "," + taxField);
        var row = (await P21Failures.CallAsync("the customer read-back",
            () => api.QueryCustomersAsync($"company_id eq {P21Formats.ODataString(p21.Value.CompanyId)} and customer_id eq {id}", select, 1, cancellationToken),
            time, cancellationToken)).Value.FirstOrDefault();
        var address = (await P21Failures.CallAsync("the customer address read-back",
            () => api.QueryAddressesAsync($"id eq {id}",
                "id,name,mail_address1,mail_address2,mail_city,mail_state,mail_postal_code,mail_country,email_address,central_phone_number", 1, cancellationToken),
            time, cancellationToken)).Value.FirstOrDefault();
        var values = new Dictionary<string, string?>();
        if (row is null) return (values, null);
        values[CustomerFieldNames.Name] = address?.Name ?? row.CustomerName;
        values[CustomerFieldNames.CreditTerms] = row.TermsId;
        if (address is not null)
        {
            values[CustomerFieldNames.Email] = address.EmailAddress;
            values[CustomerFieldNames.Phone] = address.CentralPhoneNumber;
            values[CustomerFieldNames.AddressLine1] = address.MailAddress1;
            values[CustomerFieldNames.AddressLine2] = address.MailAddress2;
            values[CustomerFieldNames.City] = address.MailCity;
            values[CustomerFieldNames.Region] = address.MailState;
            values[CustomerFieldNames.PostalCode] = address.MailPostalCode;
            // P21 often keeps "USA" where the record keeps ISO alpha-2.
            values[CustomerFieldNames.Country] = IsoCountries.TryAlpha2(address.MailCountry, out var alpha2) ? alpha2 : address.MailCountry;
        }
        if (!string.IsNullOrWhiteSpace(taxField) && row.Other?.TryGetValue(taxField, out var tax) == true)
            values[CustomerFieldNames.TaxIds] = tax.ValueKind == JsonValueKind.String ? tax.GetString() : null;
        return (values, ModifiedAt(row.DateLastModified));
    }

    /// <summary>P21 answers its server's local time without a zone (docs/external-apis/p21.md#formats-and-field-lengths): the ERP zone, unless the value says UTC.</summary>
    DateTimeOffset? ModifiedAt(DateTime? value) => value switch
    {
        null => null,
        { Kind: DateTimeKind.Utc } utc => new DateTimeOffset(utc),
        { } local => new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified),
            TimeZoneInfo.FindSystemTimeZoneById(p21.Value.ErpTimeZone))),
    };

    static P21CustomerSynced Synced(SyncP21Customer command, long? customerId, bool created, string matchedBy, IEnumerable<CustomerField> written,
        IEnumerable<CustomerField> skipped, IReadOnlyDictionary<string, string?> values, DateTimeOffset? modifiedAt) => new()
        {
            CorrelationId = command.CorrelationId, StripeCustomerId = command.StripeCustomerId, P21CustomerId = customerId, Created = created, MatchedBy = matchedBy,
            Revision = command.Revision, FieldsWritten = written.Select(f => f.ToString()).ToList(), FieldsSkipped = skipped.Select(f => f.ToString()).ToList(),
            Fields = values, ModifiedAt = modifiedAt,
        };

    static Dictionary<CustomerField, string?> Parse(IReadOnlyDictionary<string, string?> values, string customer, string what)
    {
        var parsed = new Dictionary<CustomerField, string?>();
        foreach (var (name, value) in values)
            parsed[P21CustomerColumns.Field(name)
                   ?? throw new PermanentFailureException($"SyncP21Customer for {customer}: '{name}' in {what} is not a customer field ({string.Join(", ", CustomerFieldNames.All)}).")] = value;
        return parsed;
    }
}
