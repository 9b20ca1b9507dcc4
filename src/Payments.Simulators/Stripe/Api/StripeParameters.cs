using System.Globalization;

namespace Payments.Simulators.Stripe.Api;

/// <summary>
/// The parameters of one call as Stripe encodes them (form body for POST, query for GET): <c>a=1</c>, hashes <c>metadata[k]=v</c>,
/// lists <c>expand[]=x</c> or <c>expand[0]=x</c> (Stripe.net's form), nested <c>address[line1]=…</c>. Getters validate and throw
/// <see cref="StripeApiException"/> with the parameter's name.
/// </summary>
public sealed class StripeParameters(IReadOnlyList<KeyValuePair<string, string>> pairs)
{
    public static readonly StripeParameters Empty = new([]);

    public IReadOnlyList<KeyValuePair<string, string>> Pairs { get; } = pairs;

    /// <summary>Refuses any parameter whose top-level name is not in <paramref name="allowed"/> (Stripe's "Received unknown parameter").</summary>
    public void Allow(params IEnumerable<string> allowed)
    {
        var names = allowed.ToHashSet(StringComparer.Ordinal);
        foreach (var (key, _) in Pairs)
        {
            var bracket = key.IndexOf('[', StringComparison.Ordinal);
            var name = bracket < 0 ? key : key[..bracket];
            if (!names.Contains(name)) throw StripeErrors.UnknownParameter(key);
        }
    }

    public bool Has(string name) => Pairs.Any(p => p.Key == name || p.Key.StartsWith(name + "[", StringComparison.Ordinal));

    public string? String(string name) => Pairs.LastOrDefault(p => p.Key == name).Value is { Length: > 0 } value ? value : null;

    public string RequiredString(string name) => String(name) ?? throw StripeErrors.Missing(name);

    public long? Long(string name, long min = long.MinValue, long max = long.MaxValue)
    {
        if (String(name) is not { } text) return null;
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            throw StripeErrors.Invalid(name, $"Invalid integer: {text}", "parameter_invalid_integer");
        if (value < min || value > max)
            throw StripeErrors.Invalid(name, $"Invalid {name}: must be between {min} and {max}.", "parameter_invalid_integer");
        return value;
    }

    public bool? Bool(string name) => String(name) switch
    {
        null => null,
        var text when string.Equals(text, "true", StringComparison.OrdinalIgnoreCase) => true,
        var text when string.Equals(text, "false", StringComparison.OrdinalIgnoreCase) => false,
        var text => throw StripeErrors.Invalid(name, $"Invalid boolean: {text}"),
    };

    /// <summary>One of <paramref name="values"/>, or null when absent.</summary>
    public string? OneOf(string name, params string[] values)
    {
        var value = String(name);
        if (value is not null && !values.Contains(value, StringComparer.Ordinal))
            throw StripeErrors.Invalid(name, $"Invalid {name}: must be one of {string.Join(", ", values)}");
        return value;
    }

    /// <summary>A lower-case ISO 4217 code (Stripe accepts any case and answers lower case).</summary>
    public string? Currency(string name = "currency")
    {
        if (String(name) is not { } text) return null;
        if (text.Length != 3 || !text.All(char.IsAsciiLetter)) throw StripeErrors.Invalid(name, $"Invalid currency: {text}. Stripe currently supports these currencies: usd, eur, gbp, jpy, …");
        return text.ToLowerInvariant();
    }

    /// <summary><c>name[]=a&amp;name[]=b</c> or <c>name[0]=a&amp;name[1]=b</c>, in order.</summary>
    public IReadOnlyList<string> List(string name)
    {
        var items = new List<(int Index, int Order, string Value)>();
        var order = 0;
        foreach (var (key, value) in Pairs)
        {
            order++;
            if (key == name + "[]") items.Add((int.MaxValue, order, value));
            else if (key.StartsWith(name + "[", StringComparison.Ordinal) && key.EndsWith(']')
                     && int.TryParse(key.AsSpan(name.Length + 1, key.Length - name.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                items.Add((index, order, value));
        }
        return [.. items.OrderBy(i => i.Index).ThenBy(i => i.Order).Select(i => i.Value).Where(v => v.Length > 0)];
    }

    /// <summary>
    /// <c>name[key]=value</c> pairs; an empty value stands for "unset this key". Null when the hash is absent; empty (and
    /// <paramref name="cleared"/>) when sent as <c>name=</c>, Stripe's way to unset every key.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>>? Hash(string name, out bool cleared)
    {
        cleared = false;
        List<KeyValuePair<string, string>>? entries = null;
        foreach (var (key, value) in Pairs)
        {
            if (key == name)
            {
                if (value.Length != 0) throw StripeErrors.Invalid(name, $"Invalid {name}: must be a hash of key-value pairs.");
                cleared = true;
                entries ??= [];
            }
            else if (key.StartsWith(name + "[", StringComparison.Ordinal) && key.EndsWith(']'))
            {
                var inner = key[(name.Length + 1)..^1];
                if (inner.Length == 0 || inner.Contains('[') || inner.Contains(']'))
                    throw StripeErrors.Invalid(key, $"Invalid {name} key '{inner}'.");
                (entries ??= []).Add(KeyValuePair.Create(inner, value));
            }
        }
        return entries;
    }

    /// <summary>The sub-parameters of a nested hash (<c>address[line1]</c> ⇒ <c>line1</c>), restricted to <paramref name="allowed"/>.</summary>
    public IReadOnlyDictionary<string, string>? Nested(string name, params string[] allowed)
    {
        if (Hash(name, out _) is not { } entries) return null;
        foreach (var (key, _) in entries)
            if (!allowed.Contains(key, StringComparer.Ordinal)) throw StripeErrors.UnknownParameter($"{name}[{key}]");
        return entries.GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Last().Value);
    }
}
