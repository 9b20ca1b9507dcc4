using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Payments.Contracts.ChargeToOrder;
using Payments.Contracts.Shared;
using Payments.Domain.Customers;
using Payments.Domain.P21;
using Payments.P21Service.Client;
using Payments.P21Service.Client.Transactions;
using Payments.ServiceDefaults.Failures;
using Polly.Timeout;

namespace Payments.P21Service.Customers;

/// <summary>The payer's P21 customer; <see cref="Linked"/> when it came from the customer link (src/Payments.P21Service/README.md#customers-and-subscriptions), not from a match.</summary>
public sealed record ResolvedCustomer(long CustomerId, bool Created, CustomerMatchKind MatchedBy, bool Linked = false)
{
    /// <summary>How it was found, in <c>P21CustomerLinked.MatchedBy</c>'s words.</summary>
    public string MatchedByName => Linked ? "link" : Created ? "created" : MatchedBy == CustomerMatchKind.MetadataCustomerId ? "metadata" : "email";
}

/// <summary>
/// Finds the P21 customer for a payment: the customer link of its Stripe customer (this service's copy, <see cref="CustomerLinks"/>), else the
/// <c>p21_customer_id</c> in Stripe metadata, else the e-mail (corp address or a contact), else creates one through the Transaction API's
/// Customer service (with the e-mail, so the next payment finds it).
/// </summary>
public sealed class CustomerResolver(
    CustomerLinks links, IP21Api api, P21Transactions transactions, AbandonedTransactions abandoned, P21SelfChecks selfChecks, IOptions<P21Options> p21,
    IOptions<CustomerOptions> options, TimeProvider time, ILogger<CustomerResolver> logger)
{
    public async Task<ResolvedCustomer> ResolveAsync(PaymentDetails payment, CancellationToken cancellationToken)
    {
        // The link record is the one place that says who is who (issue 14): it wins over metadata and e-mail.
        if (await links.LinkedP21CustomerAsync(payment.StripeCustomerId, cancellationToken) is { } linked)
        {
            if ((await ActiveCustomersAsync([linked], cancellationToken)).Count > 0)
                return new ResolvedCustomer(linked, false, CustomerMatchKind.MetadataCustomerId, Linked: true);
            logger.LogWarning("Stripe customer {StripeCustomerId} is linked to P21 customer {CustomerId}, which is not active; resolving charge {ChargeId} without the link",
                payment.StripeCustomerId, linked, payment.ChargeId);
        }
        var match = CustomerMatching.Decide(payment.Metadata, payment.CustomerEmail, StripeMetadataKeys.P21CustomerId);
        switch (match.Kind)
        {
            case CustomerMatchKind.MetadataCustomerId:
                var id = match.CustomerId!.Value;
                // The id was set on purpose: a wrong one is an error to fix, not a reason to fall back to the e-mail.
                if ((await ActiveCustomersAsync([id], cancellationToken)).Count == 0)
                    throw new PermanentFailureException(
                        $"Stripe metadata {StripeMetadataKeys.P21CustomerId}={id} on charge {payment.ChargeId} is not an active customer of P21 company {p21.Value.CompanyId}.", "P21");
                return new ResolvedCustomer(id, false, match.Kind);

            case CustomerMatchKind.Email:
                var found = await FindByEmailAsync(match.Email!, cancellationToken);
                if (found.Count > 1)
                    throw new PermanentFailureException(
                        $"E-mail {match.Email} belongs to several P21 customers ({string.Join(", ", found)}); set {StripeMetadataKeys.P21CustomerId} on the Stripe payment to choose one.", "P21");
                if (found.Count == 1)
                {
                    abandoned.Forget(CreateKey(match.Email!));
                    return new ResolvedCustomer(found[0], false, match.Kind);
                }
                return new ResolvedCustomer(await CreateAsync(payment, match.Email!, cancellationToken), true, match.Kind);

            default:
                // Without an id or an e-mail a created customer could never be found again, and every retry would create another.
                if (options.Value.WalkInCustomerId is { } walkIn) return new ResolvedCustomer(walkIn, false, match.Kind);
                throw new PermanentFailureException(
                    $"Charge {payment.ChargeId} has neither {StripeMetadataKeys.P21CustomerId} metadata nor a customer e-mail; configure {CustomerOptions.Section}:WalkInCustomerId or add one of them.", "P21");
        }
    }

    /// <summary>The active customers whose corp address or a contact holds <paramref name="email"/> (as a whole address, any case).</summary>
    public async Task<List<long>> FindByEmailAsync(string email, CancellationToken cancellationToken)
    {
        // People type these fields: "AP@Acme.com ", "ap@acme.com; billing@acme.com". contains() finds the address anywhere in the field
        // (OData compares without case on P21's SQL Server [inferred]); EmailField.Holds keeps only fields that hold it as a whole address.
        var filter = $"contains(email_address,{P21Formats.ODataString(email)})";
        var contacts = await P21Failures.CallAsync("the contact look-up by e-mail",
            () => api.QueryContactsAsync(filter, "id,address_id,email_address", null, cancellationToken), time, cancellationToken);
        var addresses = await P21Failures.CallAsync("the address look-up by e-mail",
            () => api.QueryAddressesAsync(filter, "id,email_address", null, cancellationToken), time, cancellationToken);
        // A customer's corp address has the customer's id; contacts point at it through address_id.
        var candidates = contacts.Value.Where(c => c.AddressId is not null && EmailField.Holds(c.EmailAddress, email)).Select(c => (long)c.AddressId!.Value)
            .Concat(addresses.Value.Where(a => EmailField.Holds(a.EmailAddress, email)).Select(a => (long)a.Id))
            .Distinct()
            .ToList();
        return candidates.Count == 0 ? [] : await ActiveCustomersAsync(candidates, cancellationToken);
    }

    /// <summary>Those of <paramref name="ids"/> that are active customers of the company.</summary>
    public async Task<List<long>> ActiveCustomersAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        var result = new List<long>();
        foreach (var chunk in ids.Chunk(20))
        {
            // customer_id is Edm.Decimal: unquoted, or P21 answers 404 "incompatible types".
            var anyOf = string.Join(" or ", chunk.Select(id => "customer_id eq " + id.ToString(CultureInfo.InvariantCulture)));
            var filter = $"company_id eq {P21Formats.ODataString(p21.Value.CompanyId)} and delete_flag eq 'N' and ({anyOf})";
            var rows = await P21Failures.CallAsync("the customer look-up",
                () => api.QueryCustomersAsync(filter, "customer_id,company_id,delete_flag", null, cancellationToken), time, cancellationToken);
            result.AddRange(rows.Value.Select(r => (long)r.CustomerId));
        }
        return result.Distinct().Order().ToList();
    }

    /// <summary>P21 requires a ship-to on every order. A new customer's default ship-to carries the customer's id [inferred]; otherwise the lowest active one.</summary>
    public async Task<long> DefaultShipToAsync(long customerId, CancellationToken cancellationToken)
    {
        var filter = $"company_id eq {P21Formats.ODataString(p21.Value.CompanyId)} and customer_id eq {customerId.ToString(CultureInfo.InvariantCulture)} and delete_flag eq 'N'";
        var rows = await P21Failures.CallAsync("the ship-to look-up",
            () => api.QueryShipTosAsync(filter, "ship_to_id,customer_id", null, cancellationToken), time, cancellationToken);
        var ids = rows.Value.Select(r => (long)r.ShipToId).Order().ToList();
        if (ids.Count == 0)
            throw new PermanentFailureException($"P21 customer {customerId} has no active ship-to; P21 cannot take an order without one.", "P21");
        return ids.Contains(customerId) ? customerId : ids[0];
    }

    static string CreateKey(string email) => "customer:" + email;

    async Task<long> CreateAsync(PaymentDetails payment, string email, CancellationToken cancellationToken)
    {
        // As for orders (SalesOrderPoster): a create we stopped waiting for may still run in P21; never post a second one meanwhile.
        var key = CreateKey(email);
        if (selfChecks.EmailProblem is { } problem)
            // A customer created now could not be found by the next payment, which would create another.
            throw new PermanentFailureException($"Not creating a P21 customer for {email}: {problem}", "P21");
        if (abandoned.MayStillRun(key) is { } stillRunning)
            throw new TransientFailureException(
                $"The new P21 customer for {email} was sent before and may still be created there; not creating it again for {stillRunning.TotalSeconds:0} s.", stillRunning);
        TransactionResponse response;
        try
        {
            response = await transactions.PostAsync(NewCustomerSet.For(payment, email, options.Value), $"the new customer for {email}", cancellationToken);
        }
        catch (TransientFailureException e) when (e.InnerException is TimeoutRejectedException or TimeoutException or OperationCanceledException)
        {
            var wait = p21.Value.RequestTimeout;
            abandoned.Remember(key, time.GetUtcNow() + wait);
            throw new TransientFailureException($"{e.Message} P21 may still be creating it; the retry looks for it by e-mail after {wait.TotalSeconds:0} s.",
                e.RetryAfter > wait ? e.RetryAfter : wait, e);
        }
        abandoned.Forget(key);
        var created = response.ResultValue(NewCustomerSet.GeneralTab, "customer_id");
        if (!long.TryParse(created, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            // The customer may exist now; a retry finds it by e-mail rather than creating another.
            throw new TransientFailureException($"P21 accepted the new customer for {email} but returned no customer_id ({P21Transactions.Messages(response)}).");
        logger.LogInformation("Created P21 customer {CustomerId} for {Email}", id, email);
        if (!selfChecks.EmailVerified) await CheckFoundByEmailAsync(id, email, cancellationToken);
        return id;
    }

    /// <summary>
    /// The first customer we create is looked up by its e-mail at once: the Customer form's e-mail field is not public
    /// (docs/external-apis/p21.md#customer-create), and if P21 did not keep it every payment by that e-mail would create another customer.
    /// </summary>
    async Task CheckFoundByEmailAsync(long customerId, string email, CancellationToken cancellationToken)
    {
        List<long> found;
        try
        {
            found = await FindByEmailAsync(email, cancellationToken);
        }
        catch (TransientFailureException e)
        {
            logger.LogWarning(e, "Could not check that new P21 customer {CustomerId} is found by {Email}; checking with the next one", customerId, email);
            return;
        }
        if (found.Contains(customerId))
        {
            selfChecks.EmailKept();
            return;
        }
        var field = options.Value.EmailField;
        var problem = $"P21 did not keep the e-mail of new customer {customerId} ({email}) where the look-up finds it: P21:Customers:EmailField is "
            + $"'{field}' on {NewCustomerSet.GeneralTab}, and neither address.email_address nor a contact holds it. Set P21:Customers:EmailField to the "
            + "Customer form field your P21 keeps as the customer's e-mail, restart, then redrive.";
        selfChecks.EmailNotKept(problem);
        logger.LogError("{Problem} Customer creation is stopped until then.", problem);
    }
}
