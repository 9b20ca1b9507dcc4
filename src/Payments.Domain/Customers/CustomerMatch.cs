namespace Payments.Domain.Customers;

/// <summary>How a Stripe payer is matched to a P21 customer, in order of trust.</summary>
public enum CustomerMatchKind
{
    /// <summary>The P21 customer id kept in Stripe metadata (written by us or by the storefront).</summary>
    MetadataCustomerId,
    /// <summary>The payer's e-mail, normalised.</summary>
    Email,
    /// <summary>Nothing to match on: a new customer is created.</summary>
    None,
}

public sealed record CustomerMatch(CustomerMatchKind Kind, long? CustomerId, string? Email);

public static class CustomerMatching
{
    /// <summary>
    /// Picks the match key. A metadata id wins over e-mail because e-mails are shared (accounts payable inboxes)
    /// while the id was set on purpose; a malformed id is ignored rather than trusted.
    /// </summary>
    public static CustomerMatch Decide(IReadOnlyDictionary<string, string> metadata, string? email, string metadataKey = "p21_customer_id")
    {
        if (metadata.TryGetValue(metadataKey, out var raw) && long.TryParse(raw.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) && id > 0)
            return new CustomerMatch(CustomerMatchKind.MetadataCustomerId, id, NormaliseEmail(email));

        var normalised = NormaliseEmail(email);
        return normalised is null
            ? new CustomerMatch(CustomerMatchKind.None, null, null)
            : new CustomerMatch(CustomerMatchKind.Email, null, normalised);
    }

    /// <summary>Trimmed and lower-cased; null when it is not an address at all.</summary>
    public static string? NormaliseEmail(string? email)
    {
        if (string.IsNullOrWhiteSpace(email)) return null;
        var trimmed = email.Trim();
        var at = trimmed.IndexOf('@');
        if (at <= 0 || at != trimmed.LastIndexOf('@') || at == trimmed.Length - 1) return null;
        return trimmed.ToLowerInvariant();
    }
}
