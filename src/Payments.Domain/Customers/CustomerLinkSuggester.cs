using System.Globalization;
using Payments.Domain.Similarity;
using Payments.Domain.Znode;

namespace Payments.Domain.Customers;

/// <summary>A customer as one system knows it, for suggesting links: its id there, name, e-mail field (may hold several addresses) and billing address.</summary>
public sealed record CustomerProfile(CustomerSystem System, string Id, string? Name, string? Email, StripeAddress? Address = null);

/// <summary>Two customers that may be one, with a score from 0 to 1 and the reasons, for a person to accept or reject.</summary>
public sealed record LinkSuggestion(CustomerProfile Left, CustomerProfile Right, double Score, IReadOnlyList<string> Reasons);

public sealed record CustomerLinkOptions
{
    /// <summary>Pairs scoring below are not suggested. The default lets a same e-mail, or a same name with the same address, through; a same name alone (0.6) not.</summary>
    public double Threshold { get; init; } = 0.65;

    /// <summary>At most this many suggestions per customer on the left, the best first.</summary>
    public int MaxPerCustomer { get; init; } = 3;

    /// <summary>Mail providers whose domain says nothing about who the customer is.</summary>
    public IReadOnlySet<string> FreeMailDomains { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "gmail.com", "googlemail.com", "yahoo.com", "hotmail.com", "outlook.com", "live.com", "msn.com", "aol.com", "icloud.com",
        "me.com", "proton.me", "protonmail.com", "gmx.com", "gmx.de", "mail.com", "yandex.com", "comcast.net", "att.net",
    };

    /// <summary>Words left out of names before comparing: legal forms and fillers that every other company shares.</summary>
    public IReadOnlySet<string> IgnoredNameWords { get; init; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "inc", "incorporated", "llc", "ltd", "limited", "corp", "corporation", "co", "company", "gmbh", "ag", "sa", "plc", "lp", "llp",
        "the", "and", "of",
    };
}

/// <summary>
/// Proposes links between customers of two systems that match on no id (issue 14: by e-mail, name and address similarity, with
/// a score and the reasons, for a person to accept — never applied). Each kind of evidence gives a similarity from 0 to 1:
/// <list type="bullet">
/// <item>e-mail: the same address 1; the same mailbox without a "+tag" 0.8; the same company domain (not a free-mail one) 0.35;</item>
/// <item>name: <see cref="TextSimilarity.Dice"/> over the names' words without legal forms ("Acme Supply Co" = "ACME Supply, Inc.");</item>
/// <item>address: the same postal code 0.5 (US ZIP+4 by its first five digits), the street line's word similarity 0.3 (house numbers
/// must be equal), the same city 0.2; nothing when both give a country and they differ.</item>
/// </list>
/// They combine as independent evidence: score = 1 − (1 − 0.9·e-mail)(1 − 0.6·name)(1 − 0.5·address), so one strong sign scores
/// high and signs add up without passing 1. Only pairs that share an e-mail, a company e-mail domain, a postal code or a name word
/// are compared, which keeps large customer lists fast (a name with a typo in every word is not found). The order is
/// deterministic: by score, then the left id, then the right id.
/// </summary>
public static class CustomerLinkSuggester
{
    public static IReadOnlyList<LinkSuggestion> Suggest(IReadOnlyList<CustomerProfile> left, IReadOnlyList<CustomerProfile> right, CustomerLinkOptions? options = null)
    {
        options ??= new CustomerLinkOptions();
        var rightByKey = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var j = 0; j < right.Count; j++)
        {
            foreach (var key in BlockingKeys(right[j], options))
            {
                if (!rightByKey.TryGetValue(key, out var list)) rightByKey[key] = list = [];
                list.Add(j);
            }
        }

        var suggestions = new List<LinkSuggestion>();
        foreach (var a in left)
        {
            var candidates = BlockingKeys(a, options).SelectMany(k => rightByKey.GetValueOrDefault(k) ?? []).Distinct();
            suggestions.AddRange(candidates
                .Select(j => Score(a, right[j], options))
                .Where(s => s.Score >= options.Threshold)
                .OrderByDescending(s => s.Score).ThenBy(s => s.Right.Id, StringComparer.Ordinal)
                .Take(options.MaxPerCustomer));
        }
        return suggestions
            .OrderByDescending(s => s.Score).ThenBy(s => s.Left.Id, StringComparer.Ordinal).ThenBy(s => s.Right.Id, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The score of one pair and its reasons (each kind of evidence that counted, with its share).</summary>
    public static LinkSuggestion Score(CustomerProfile a, CustomerProfile b, CustomerLinkOptions? options = null)
    {
        options ??= new CustomerLinkOptions();
        var reasons = new List<string>();
        var email = EmailEvidence(a, b, options, reasons);
        var name = NameEvidence(a, b, options, reasons);
        var address = AddressEvidence(a.Address, b.Address, reasons);
        var score = 1 - (1 - 0.9 * email) * (1 - 0.6 * name) * (1 - 0.5 * address);
        return new LinkSuggestion(a, b, Math.Round(score, 3), reasons);
    }

    static double EmailEvidence(CustomerProfile a, CustomerProfile b, CustomerLinkOptions options, List<string> reasons)
    {
        var best = 0.0;
        string? reason = null;
        foreach (var x in EmailField.Addresses(a.Email).Where(e => CustomerMatching.NormaliseEmail(e) is not null))
        {
            foreach (var y in EmailField.Addresses(b.Email).Where(e => CustomerMatching.NormaliseEmail(e) is not null))
            {
                var (value, why) = string.Equals(x, y, StringComparison.Ordinal) ? (1.0, $"same e-mail {x}")
                    : string.Equals(Mailbox(x), Mailbox(y), StringComparison.Ordinal) ? (0.8, $"same mailbox {Mailbox(x)} ({x}, {y})")
                    : string.Equals(Domain(x), Domain(y), StringComparison.Ordinal) && !options.FreeMailDomains.Contains(Domain(x)) ? (0.35, $"same e-mail domain {Domain(x)}")
                    : (0.0, null);
                if (value > best) (best, reason) = (value, why);
            }
        }
        if (reason is not null) reasons.Add(reason);
        return best;
    }

    static double NameEvidence(CustomerProfile a, CustomerProfile b, CustomerLinkOptions options, List<string> reasons)
    {
        var similarity = TextSimilarity.Dice(TextSimilarity.Words(a.Name, options.IgnoredNameWords), TextSimilarity.Words(b.Name, options.IgnoredNameWords));
        if (similarity > 0) reasons.Add($"names '{a.Name}' and '{b.Name}' {Percent(similarity)} alike");
        return similarity;
    }

    static double AddressEvidence(StripeAddress? a, StripeAddress? b, List<string> reasons)
    {
        if (a is null || b is null) return 0;
        if (a.Country is { Length: > 0 } ca && b.Country is { Length: > 0 } cb && !string.Equals(Country(ca), Country(cb), StringComparison.Ordinal))
            return 0;
        var parts = new List<string>();
        var score = 0.0;
        if (Postal(a.PostalCode) is { Length: > 0 } pa && string.Equals(pa, Postal(b.PostalCode), StringComparison.Ordinal))
        {
            score += 0.5;
            parts.Add($"postal code {pa}");
        }
        var street = TextSimilarity.Dice(Street(a.Line1), Street(b.Line1));
        if (street > 0)
        {
            score += 0.3 * street;
            parts.Add($"street '{a.Line1}' ~ '{b.Line1}' {Percent(street)}");
        }
        if (TextSimilarity.Key(a.City) is { Length: > 0 } city && string.Equals(city, TextSimilarity.Key(b.City), StringComparison.Ordinal))
        {
            score += 0.2;
            parts.Add($"city {a.City}");
        }
        if (parts.Count > 0) reasons.Add("same address: " + string.Join(", ", parts) + $" ({Percent(score)})");
        return score;
    }

    static IEnumerable<string> BlockingKeys(CustomerProfile customer, CustomerLinkOptions options)
    {
        foreach (var email in EmailField.Addresses(customer.Email).Where(e => CustomerMatching.NormaliseEmail(e) is not null))
        {
            yield return "m:" + Mailbox(email);
            if (!options.FreeMailDomains.Contains(Domain(email))) yield return "d:" + Domain(email);
        }
        if (Postal(customer.Address?.PostalCode) is { Length: > 0 } postal) yield return "p:" + postal;
        foreach (var word in TextSimilarity.Words(customer.Name, options.IgnoredNameWords).Where(w => w.Length >= 3).Distinct())
            yield return "n:" + word;
    }

    static string Domain(string email) => email[(email.IndexOf('@') + 1)..];

    /// <summary>The address without a "+tag" in its local part: ap+stripe@acme.example is ap@acme.example's mailbox.</summary>
    static string Mailbox(string email)
    {
        var at = email.IndexOf('@');
        var plus = email.IndexOf('+');
        return plus > 0 && plus < at ? email[..plus] + email[at..] : email;
    }

    static string Country(string country) => IsoCountries.TryAlpha2(country, out var alpha2) ? alpha2 : country.Trim().ToUpperInvariant();

    /// <summary>Upper case without blanks or dashes; a US ZIP+4 by its first five digits.</summary>
    static string Postal(string? postal)
    {
        var compact = new string((postal ?? "").Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
        return compact.Length == 9 && compact.All(char.IsAsciiDigit) ? compact[..5] : compact;
    }

    static readonly Dictionary<string, string> StreetWords = new(StringComparer.Ordinal)
    {
        ["street"] = "st", ["avenue"] = "ave", ["av"] = "ave", ["road"] = "rd", ["drive"] = "dr", ["boulevard"] = "blvd", ["lane"] = "ln",
        ["court"] = "ct", ["place"] = "pl", ["suite"] = "ste", ["highway"] = "hwy", ["parkway"] = "pkwy", ["north"] = "n", ["south"] = "s",
        ["east"] = "e", ["west"] = "w",
    };

    static IReadOnlyList<string> Street(string? line) => TextSimilarity.Words(line).Select(w => StreetWords.GetValueOrDefault(w, w)).ToList();

    static string Percent(double value) => (value * 100).ToString("0", CultureInfo.InvariantCulture) + " %";
}
